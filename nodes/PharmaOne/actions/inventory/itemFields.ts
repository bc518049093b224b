import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/** An expression that is exactly one field of the input item: `={{ $json.p1_id }}`, `={{ $json.count.on_hand }}`. */
const ITEM_FIELD = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*)+)\s*\}\}$/;

const own = (value: unknown, key: string): unknown =>
	value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, key) ? (value as IDataObject)[key] : undefined;

/**
 * The execution context with a cheaper getNodeParameter for item fields. n8n evaluates an expression
 * for every item and parameter, which was most of Set Stock Level's CPU time in a 2,000-item sync
 * (about 0.4 ms per evaluation on the bench machine, docs/send-once.md). A parameter whose raw value
 * is exactly a field of the item, the usual mapping of an export's columns, is read from the item,
 * which is what the expression returns; any other parameter or expression goes to n8n as before. The engine
 * tests compare both readings for every kind of JSON value, on n8n 2.x and 1.x (itemFields.test.ts).
 */
export function withItemFields(ctx: IExecuteFunctions): IExecuteFunctions {
	const parameters = ctx.getNode().parameters;
	const fieldOf = (name: string): string[] | undefined => {
		const raw = parameters[name];
		const expression = raw !== null && typeof raw === 'object' && '__rl' in raw ? (raw as IDataObject).value : raw;
		return typeof expression === 'string' ? ITEM_FIELD.exec(expression)?.[1].split('.').slice(1) : undefined;
	};
	const getNodeParameter = (name: string, i: number, ...rest: unknown[]) => {
		const path = fieldOf(name);
		if (!path) return (ctx.getNodeParameter as (...args: unknown[]) => unknown)(name, i, ...rest);
		return path.reduce<unknown>((value, key) => own(value, key), ctx.getInputData()[i]?.json);
	};
	return new Proxy(ctx, {
		get(target, property) {
			if (property === 'getNodeParameter') return getNodeParameter;
			const value: unknown = Reflect.get(target, property, target);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
}
