import type { IDataObject } from 'n8n-workflow';

/** Keeps the given keys the record has; other fields are left out. */
export function pickKeys(record: IDataObject, keys: readonly string[]): IDataObject {
	const simple: IDataObject = {};
	for (const key of keys) {
		if (record[key] !== undefined) simple[key] = record[key];
	}
	return simple;
}
