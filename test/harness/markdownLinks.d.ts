export interface LocalLink {
	page: string;
	line: number;
	target: string;
}

export function markdownPages(): string[];
export function localLinks(page: string): LocalLink[];
export function brokenReason(link: LocalLink): string | undefined;
export function slug(heading: string): string;
