import type { INodeProperties } from 'n8n-workflow';

/** The Simplify switch of an operation whose response is wide, naming the fields it keeps. */
export function simplifyField(keys: readonly string[]): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: `Whether to return a simplified version of the response instead of the raw data (only ${keys.join(', ')})`,
	};
}
