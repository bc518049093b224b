export function expectedZodMajor(): number;
