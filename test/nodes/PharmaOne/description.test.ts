import type { INodeProperties } from 'n8n-workflow';

import { PharmaOneApi } from '../../../credentials/PharmaOneApi.credentials';
import { PharmaOneShopApi } from '../../../credentials/PharmaOneShopApi.credentials';
import { PharmaOneWebhookApi } from '../../../credentials/PharmaOneWebhookApi.credentials';
import { RESOURCES } from '../../../nodes/PharmaOne/actions/resources';
import { PharmaOne } from '../../../nodes/PharmaOne/PharmaOne.node';
import { PharmaOnePollTrigger } from '../../../nodes/PharmaOnePollTrigger/PharmaOnePollTrigger.node';
import { PharmaOneTrigger } from '../../../nodes/PharmaOneTrigger/PharmaOneTrigger.node';

/** Every text a user reads in the editor: display names, descriptions, hints, notices, option texts. */
function texts(value: unknown): string[] {
	if (Array.isArray(value)) return value.flatMap(texts);
	if (value === null || typeof value !== 'object') return [];
	const record = value as Record<string, unknown>;
	const own = ['displayName', 'description', 'hint', 'action', 'placeholder', 'header']
		.map((key) => record[key])
		.filter((text): text is string => typeof text === 'string');
	return [...own, ...Object.values(record).flatMap(texts)];
}

const node = new PharmaOne().description;

describe('what the editor shows', () => {
	test('no text exposes doubts a user cannot act on', () => {
		const all = texts([node, new PharmaOneTrigger().description, new PharmaOnePollTrigger().description, new PharmaOneApi(), new PharmaOneShopApi(), new PharmaOneWebhookApi()]);
		const doubts = all.filter((text) => /not documented|does not document|documents no|inferred|undocumented|title case|casing|contact confirms/i.test(text));
		expect(doubts).toEqual([]);
	});

	test('no text uses the pre-2.0 wording "Listen for test event"; the poll trigger points at Poll Times above', () => {
		const trigger = texts([new PharmaOneTrigger().description]);
		expect(trigger.filter((text) => /listen for test event/i.test(text))).toEqual([]);
		expect(trigger.some((text) => text.includes('<b>Execute step</b>'))).toBe(true);
		const poll = texts([new PharmaOnePollTrigger().description]);
		expect(poll.filter((text) => /schedule below/i.test(text))).toEqual([]);
		expect(poll.some((text) => text.includes('Poll Times above'))).toBe(true);
	});

	test('no shipped text names a development URL (the sandbox is told by the demo and docs/)', () => {
		const shipped = [node, new PharmaOneTrigger().description, new PharmaOnePollTrigger().description, new PharmaOneApi(), new PharmaOneShopApi(), new PharmaOneWebhookApi()];
		expect(JSON.stringify(shipped).match(/127\.0\.0\.1|localhost|__sandbox|:8787/gi)).toBeNull();
	});
});

describe('Additional Body Fields (JSON): inside the collection of every write operation, never top-level', () => {
	const writes = Object.entries(RESOURCES).flatMap(([resource, { operations }]) =>
		Object.entries(operations)
			.filter(([, operation]) => operation.routes.some((route) => route.method !== 'GET'))
			.map(([name, operation]) => [`${resource} → ${name}`, operation.description] as const),
	);

	test('no operation has a top-level JSON editor', () => {
		expect(node.properties.filter((property) => property.name === 'additionalBodyFields')).toEqual([]);
	});

	test.each(writes)('%s offers it in exactly one collection', (_name, fields) => {
		const holders = (fields as INodeProperties[]).filter(
			(field) => field.type === 'collection' && (field.options as INodeProperties[]).some((option) => option.name === 'additionalBodyFields'),
		);
		expect(holders).toHaveLength(1);
	});
});

describe('fields that fit', () => {
	test('Month, From Month and To Month are YYYY-MM text, not date-time pickers', () => {
		const months = node.properties.filter((property) => ['month', 'monthFrom', 'monthTo'].includes(property.name));
		expect(months.map((property) => [property.name, property.type, property.placeholder])).toEqual([
			['month', 'string', 'e.g. 2026-06'],
			['monthFrom', 'string', 'e.g. 2026-01'],
			['monthTo', 'string', 'e.g. 2026-06'],
		]);
	});

	test('Order → Get returns the whole order by default (Simplify off); Product → Get Many keeps Simplify on', () => {
		const simplify = (resource: string, operation: string) =>
			node.properties.find(
				(property) =>
					property.name === 'simplify' &&
					property.displayOptions?.show?.resource?.includes(resource) &&
					property.displayOptions?.show?.operation?.includes(operation),
			)?.default;
		expect(simplify('order', 'get')).toBe(false);
		expect(simplify('product', 'getAll')).toBe(true);
	});

	test('order-request items explain when to use Product ID and Product ID (Shop)', () => {
		const items = node.properties.find((property) => property.name === 'items' && property.displayOptions?.show?.resource?.includes('orderRequest'));
		const values = (items?.options?.[0] as { values: INodeProperties[] }).values;
		const description = (name: string) => values.find((value) => value.name === name)?.description ?? '';
		expect(description('p1Id')).toMatch(/PharmaOne catalogue product ID \(P1 ID\).*Sent as p1_id/);
		expect(description('productId')).toMatch(/the shop itself gives the product.*Sent as product_id/);
	});
});
