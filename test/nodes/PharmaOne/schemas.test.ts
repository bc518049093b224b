import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { z } from 'zod';

import { envelopeSchema } from '../../../nodes/PharmaOne/schemas/envelope';
import { flag, nonEmptyText, numeric, price, text, wholeNumber } from '../../../nodes/PharmaOne/schemas/fields';
import { validate } from '../../../nodes/PharmaOne/helpers/validation';
import type { Schema } from '../../../nodes/PharmaOne/helpers/validation';
import { expectedZodMajor } from '../../harness/zodMajor';

/*
 * The shared field schemas, validate() and the order-request envelope. This file also runs
 * against zod 4 (jest.zod4.config.js): the host n8n provides zod, 3 today, 4 later.
 */

const node: INode = { id: 'node-1', name: 'PharmaOne', type: 'n8n-nodes-pharmaone.pharmaOne', typeVersion: 1, position: [0, 0], parameters: {} };
const ctx = { getNode: () => node } as unknown as IExecuteFunctions;

/** The message validate() throws, or 'ok' with the output. */
function check<T>(schema: Schema<T>, value: unknown, labels: Record<string, string> = { '': 'Field' }, item = 0) {
	try {
		return { ok: validate(ctx, schema, value, labels, item) };
	} catch (error) {
		return { message: (error as Error).message, description: (error as { description?: string }).description };
	}
}

test('runs on the zod major version the jest configuration asks for', () => {
	// zod 4 schemas carry `_zod`.
	expect('_zod' in price ? 4 : 3).toBe(expectedZodMajor());
});

describe('numeric(): numbers typed as text count as numbers, inside the schema', () => {
	const amount = numeric(z.number({ message: 'must be a number' }));

	test.each([
		[9.99, 9.99],
		['9.99', 9.99],
		[' -3 ', -3],
		['1e3', 1000],
	])('%j → %j', (value, expected) => {
		expect(check(amount, value)).toEqual({ ok: expected });
	});

	test.each(['', '  ', 'abc', '9,99', Infinity, -Infinity, NaN, null, undefined, true, [1], { value: 1 }])(
		'%j is refused with the field message',
		(value) => {
			expect(check(amount, value).message).toBe('Invalid "Field" (item 1): must be a number');
		},
	);

	test.each(['', null, undefined])('with whenEmpty, %j stands for that number', (value) => {
		expect(check(numeric(z.number(), 0), value)).toEqual({ ok: 0 });
	});

	test('whenEmpty does not hide text that is not a number', () => {
		expect(check(numeric(wholeNumber(), 0), 'ten').message).toBe('Invalid "Field" (item 1): must be a whole number');
	});
});

describe('field schemas', () => {
	test.each([
		[numeric(wholeNumber()), '4', { ok: 4 }],
		[numeric(wholeNumber()), 2.5, { message: 'Invalid "Field" (item 1): must be a whole number' }],
		[wholeNumber('whole days only'), '4', { message: 'Invalid "Field" (item 1): whole days only' }],
		[price, '7.25', { ok: 7.25 }],
		[price, '-1', { message: 'Invalid "Field" (item 1): must be 0 or more' }],
		[price, 'cheap', { message: 'Invalid "Field" (item 1): must be a number' }],
		[flag, false, { ok: false }],
		[flag, 'yes', { message: 'Invalid "Field" (item 1): must be true or false' }],
		[nonEmptyText, ' Blüten ', { ok: 'Blüten' }],
		[nonEmptyText, '   ', { message: 'Invalid "Field" (item 1): must not be empty' }],
		[text(), 12, { message: 'Invalid "Field" (item 1): must be text' }],
	] as Array<[Schema<unknown>, unknown, object]>)('%#: %j', (schema, value, expected) => {
		expect(check(schema, value)).toMatchObject(expected);
	});

	test('an optional field may be missing; a required one may not', () => {
		const schema = z.object({ price: price.optional(), stock: numeric(wholeNumber()) });
		expect(check(schema, { stock: '3' })).toEqual({ ok: { stock: 3 } });
		expect(check(schema, {}, { stock: 'Initial Stock' }).message).toBe('Invalid "Initial Stock" (item 1): must be a whole number');
	});
});

describe('validate()', () => {
	const lines = z.array(z.object({ qty: z.number({ message: 'Quantity must be a number' }) }).catchall(z.unknown())).min(1, 'Add at least one line item');

	test('names the field by its nearest labelled key, and the item', () => {
		const schema = z.object({ outer: z.object({ price }) });
		const failure = check(schema, { outer: { price: -1 } }, { outer: 'Outer', price: 'Price' }, 2);
		expect(failure.message).toBe('Invalid "Price" (item 3): must be 0 or more');
		expect(failure.description).toBe('Problem at "outer.price": must be 0 or more');
	});

	test('names the line of a list', () => {
		const failure = check(lines, [{ qty: 1 }, { qty: 'two' }], { '': 'Items' });
		expect(failure.message).toBe('Invalid "Items" (item 1): line 2: Quantity must be a number');
		expect(failure.description).toBe('Problem at "1.qty": Quantity must be a number');
	});

	test('the value itself takes the label of ""', () => {
		expect(check(lines, [], { '': 'Items' }).message).toBe('Invalid "Items" (item 1): Add at least one line item');
	});

	test('without a label, the path names the field', () => {
		expect(check(z.object({ a: z.object({ b: flag }) }), { a: { b: 1 } }, {}).message).toBe(
			'Invalid "a.b" (item 1): must be true or false',
		);
	});

	test('keys no schema names pass through (catchall)', () => {
		expect(check(lines, [{ qty: 1, sku: 'X-1' }])).toEqual({ ok: [{ qty: 1, sku: 'X-1' }] });
	});
});

describe('the order-request envelope', () => {
	const LABELS = { shop_id: 'Shop', customer_email: 'Customer Email / Customer Name', items: 'Items', prescription_pdf_url: 'Prescription PDF URL' };
	const valid = {
		external_reference: 'TM-1',
		source: 'n8n',
		payload: { shop_id: 'shop1', customer_name: 'Erika', items: [{ name: 'A', quantity: 2 }], custom_key: 1 },
		extra: true,
	};
	const withPayload = (payload: object) => ({ ...valid, payload: { ...valid.payload, ...payload } });
	const message = (value: unknown, target: 'orderRequest' | 'telemedicineOrder' = 'orderRequest') =>
		check(envelopeSchema(target), value, LABELS).message;

	test('a valid envelope passes with every key kept', () => {
		expect(check(envelopeSchema('orderRequest'), valid, LABELS)).toEqual({ ok: valid });
	});

	test('the telemedicine payload needs no shop; an order request does', () => {
		const payload: Record<string, unknown> = { ...valid.payload };
		delete payload.shop_id;
		expect(message({ ...valid, payload }, 'telemedicineOrder')).toBeUndefined();
		expect(message({ ...valid, payload })).toBe('Invalid "Shop" (item 1): must be text');
		expect(message(withPayload({ shop_id: '  ' }))).toBe('Invalid "Shop" (item 1): a shop is required');
	});

	test.each([
		[{ customer_name: ' ' }, 'Invalid "Customer Email / Customer Name" (item 1): enter a Customer Email or a Customer Name (at least one is required)'],
		[{ items: 'A x2' }, 'Invalid "Items" (item 1): items must be a list of line items'],
		[{ items: [5] }, 'Invalid "Items" (item 1): line 1: must be an object such as {"name": "…", "quantity": 1}'],
		[{ items: [{ name: 'A', quantity: 1 }, { name: 'B', quantity: '2' }] }, 'Invalid "Items" (item 1): line 2: Quantity must be a number greater than 0'],
		[{ items: [{ name: 'A' }] }, 'Invalid "Items" (item 1): line 1: Quantity must be a number greater than 0'],
		[{ items: [{ name: ' ', quantity: 1 }] }, 'Invalid "Items" (item 1): line 1: needs a Name, a Product ID or a Product ID (Shop)'],
		[{ items: [] }, 'Invalid "Items" (item 1): add at least one line item, or send a prescription PDF (binary or URL) instead of items'],
		[{ items: undefined, prescription_pdf_url: 'ftp://x/rx.pdf' }, 'Invalid "Prescription PDF URL" (item 1): must be an http(s) URL such as https://example.com/prescription.pdf'],
	])('%j is refused', (payload, expected) => {
		expect(message(withPayload(payload))).toBe(expected);
	});

	test.each([
		{ items: undefined, prescription_pdf_url: 'https://example.com/rx.pdf' },
		{ items: undefined, prescription_pdf_base64: 'JVBERi0=' },
		{ items: [{ p1_id: '12345', quantity: 0.5 }] },
		{ items: [{ product_id: 'shop-sku-1', quantity: 1 }], customer_name: undefined, customer_email: 'max@example.com' },
	])('%j passes', (payload) => {
		expect(message(withPayload(payload))).toBeUndefined();
	});
});
