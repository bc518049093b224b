import { V2 } from '../../../../harness/fixtures';
import { pharmaOneMock } from '../../../../harness/fakePharmaOne';
import upserted from '../../../../fixtures/order/upsert.json';
import { byId, harness } from './helpers';

describe('Order → Create or Update', () => {
	test('POST /orders with the upsert key, items using qty, additional fields and the escape hatch', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope
			.post(`${V2}/orders`, (body) => bodies.push(body) > 0)
			.matchHeader('authorization', mock.bearer(1))
			.reply(200, upserted);
		const result = await harness().run({
			parameters: {
				resource: 'order',
				operation: 'upsert',
				shopId: byId('shop1'),
				externalId: 'POS-ORDER-123',
				items: { item: [{ name: 'Example Strain', p1Id: '12345', qty: 5, price: 8.99 }] },
				additionalFields: {
					customer_name: 'Max Mustermann',
					order_datetime: '2026-06-05T12:00:00.000Z',
					total_amount: 44.95,
					additionalBodyFields: '{"order_number": "optional-existing-number", "future_field": true}',
				},
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([upserted]);
		expect(bodies).toEqual([
			{
				shop_id: 'shop1',
				external_id: 'POS-ORDER-123',
				customer_name: 'Max Mustermann',
				order_datetime: '2026-06-05T12:00:00.000Z',
				total_amount: 44.95,
				items: [{ name: 'Example Strain', p1_id: '12345', qty: 5, price: 8.99 }],
				order_number: 'optional-existing-number',
				future_field: true,
			},
		]);
	});

	test('items from JSON: p1_id numbers become strings', async () => {
		const mock = pharmaOneMock();
		const bodies: Array<{ items: unknown }> = [];
		mock.scope.post(`${V2}/orders`, (body) => bodies.push(body) > 0).reply(200, upserted);
		const result = await harness().run({
			parameters: {
				resource: 'order',
				operation: 'upsert',
				shopId: byId('shop1'),
				externalId: 'POS-ORDER-124',
				itemsInput: 'json',
				itemsJson: '[{"p1_id": 12345, "qty": 2}]',
			},
		});
		expect(result.error).toBeUndefined();
		expect(bodies[0].items).toEqual([{ p1_id: '12345', qty: 2 }]);
	});

	describe('Order Date is read in the workflow\'s time zone and sent as UTC', () => {
		async function sentDate(orderDate: string, timezone?: string, items = [{ json: {} }]) {
			const mock = pharmaOneMock();
			const bodies: Array<{ order_datetime?: string }> = [];
			mock.scope.post(`${V2}/orders`, (body) => bodies.push(body) > 0).reply(200, upserted);
			const result = await harness().run({
				timezone,
				items,
				parameters: {
					resource: 'order',
					operation: 'upsert',
					shopId: byId('shop1'),
					externalId: 'POS-ORDER-125',
					items: { item: [{ name: 'X', qty: 1 }] },
					additionalFields: { order_datetime: orderDate },
				},
			});
			expect(result.error).toBeUndefined();
			return bodies[0]?.order_datetime;
		}

		test.each([
			['2026-11-26T10:15', 'Europe/Berlin', '2026-11-26T09:15:00.000Z'],
			['2026-11-26T10:15:00', 'Europe/Berlin', '2026-11-26T09:15:00.000Z'],
			['2026-07-01T10:15', 'Europe/Berlin', '2026-07-01T08:15:00.000Z'],
			['2026-11-26 10:15', 'America/New_York', '2026-11-26T15:15:00.000Z'],
			['2026-11-26T10:15:00+01:00', 'America/New_York', '2026-11-26T09:15:00.000Z'],
			['2026-06-05T12:00:00.000Z', 'Europe/Berlin', '2026-06-05T12:00:00.000Z'],
		])('%s in a %s workflow is sent as %s', async (value, timezone, expected) => {
			expect(await sentDate(value, timezone)).toBe(expected);
		});

		test('an expression returning a Luxon DateTime or a JS Date keeps its instant', async () => {
			expect(await sentDate('={{ DateTime.fromISO("2026-11-26T10:15", { zone: "Europe/Berlin" }) }}', 'UTC')).toBe('2026-11-26T09:15:00.000Z');
			expect(await sentDate('={{ new Date(Date.UTC(2026, 10, 26, 9, 15)) }}', 'Europe/Berlin')).toBe('2026-11-26T09:15:00.000Z');
		});

		test('an unparseable date names the field and the failing item, and nothing is sent for it', async () => {
			const mock = pharmaOneMock();
			const bodies: Array<{ order_datetime?: string }> = [];
			mock.scope.post(`${V2}/orders`, (body) => bodies.push(body) > 0).times(2).reply(200, upserted);
			const result = await harness().run({
				timezone: 'Europe/Berlin',
				items: [{ json: { at: '2026-11-26T10:15' } }, { json: { at: '31.12.2026 10:00' } }],
				parameters: {
					resource: 'order',
					operation: 'upsert',
					shopId: byId('shop1'),
					externalId: 'POS-ORDER-126',
					items: { item: [{ name: 'X', qty: 1 }] },
					additionalFields: { order_datetime: '={{ $json.at }}' },
				},
			});
			expect(result.error?.message).toBe('Invalid "Order Date" (item 2): "31.12.2026 10:00" is not a date and time such as 2026-11-26T10:15');
			expect(result.error?.description).toMatch(/workflow's time zone \(Europe\/Berlin\)/);
			expect(bodies.map((body) => body.order_datetime)).toEqual(['2026-11-26T09:15:00.000Z']); // item 1 only
		});
	});

	test.each([
		['no items', { items: {} }, 'Invalid "Items" (item 1): Add at least one line item'],
		['quantity 0', { items: { item: [{ name: 'X', qty: 0 }] } }, 'Invalid "Quantity" (item 1): line 1: Quantity must be greater than 0'],
		['malformed additional JSON', { items: { item: [{ name: 'X', qty: 1 }] }, additionalFields: { additionalBodyFields: '{"a": ' } }, 'The "Additional Body Fields (JSON)" field is not valid JSON (item 1)'],
		['a product ID that is not a P1 ID', { items: { item: [{ name: 'X', qty: 1 }, { p1Id: 'ABC-12', qty: 1 }] } }, 'Invalid "Product ID" in line 2 of "Items" (item 1): "ABC-12" is not a PharmaOne product ID (P1 ID)'],
		['a p1_id in JSON that is not a P1 ID', { itemsInput: 'json', itemsJson: '[{"p1_id": "ABC-12", "qty": 1}]' }, 'Invalid "p1_id" in line 1 of "Items (JSON)" (item 1): "ABC-12" is not a PharmaOne product ID (P1 ID)'],
		['an Order Date that is not a date', { items: { item: [{ name: 'X', qty: 1 }] }, additionalFields: { order_datetime: '31.12.2026 10:00' } }, 'Invalid "Order Date" (item 1): "31.12.2026 10:00" is not a date and time such as 2026-11-26T10:15'],
		['items JSON not an array', { itemsInput: 'json', itemsJson: '{"qty": 1}' }, 'The "Items (JSON)" field must be a JSON array (item 1)'],
		['blank external id from an expression', { externalId: '={{ "  " }}', items: { item: [{ name: 'X', qty: 1 }] } }, 'The "External ID" parameter is empty (item 1)'],
	])('bad input (%s) fails before any request', async (_case, overrides, message) => {
		const result = await harness().run({
			parameters: { resource: 'order', operation: 'upsert', shopId: byId('shop1'), externalId: 'POS-1', ...overrides },
		});
		expect(result.error?.message).toBe(message);
		expect(result.error?.context?.itemIndex).toBe(0);
	});
});
