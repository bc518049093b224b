import type { IDataObject } from 'n8n-workflow';

import type { Settings } from '../../../nodes/PharmaOnePollTrigger/helpers/settings';
import { STATE_VERSION, loadState, readVersion2, saveState, settingsHash } from '../../../nodes/PharmaOnePollTrigger/helpers/state';
import ordersV2 from '../../fixtures/pollState/version2-orders.json';
import stockV2 from '../../fixtures/pollState/version2-stock.json';

/* The fixtures are what version 2 of the trigger (terse keys) saved; see version2.test.ts. */

const STATUS_SETTINGS: Settings = { event: 'order_status_updated', shopId: '', newStatuses: [], threshold: 0, products: [], watchDays: 90 };

describe('settingsHash', () => {
	test('ignores the order of Product IDs and changes with any setting', () => {
		const stock: Settings = { ...STATUS_SETTINGS, event: 'low_stock', products: ['1', '2'], watchDays: undefined };
		expect(settingsHash(stock)).toBe(settingsHash({ ...stock, products: ['2', '1'] }));
		expect(settingsHash(stock)).not.toBe(settingsHash({ ...stock, threshold: 6 }));
		expect(settingsHash(STATUS_SETTINGS)).not.toBe(settingsHash({ ...STATUS_SETTINGS, watchDays: undefined }));
	});

	test('is the fingerprint version 2 saved for the same settings, so its state is not taken for other settings', () => {
		expect(settingsHash(STATUS_SETTINGS)).toBe(ordersV2.fp);
		const lowStock: Settings = { ...STATUS_SETTINGS, event: 'low_stock', threshold: 5, watchDays: undefined };
		expect(settingsHash(lowStock)).toBe(stockV2.fp);
	});
});

describe('readVersion2: the terse keys of a version 2 state, read as version 3', () => {
	test('every field is renamed and nothing else changes', () => {
		const state = readVersion2({
			v: 2,
			fp: 'f1',
			wm: '2026-06-14T10:00:00Z',
			scan: { o: 180, wm: '2026-06-14T11:00:00Z', base: true },
			floor: '2026-06-01',
			seen: { c: ['pending'], d: { '2026-06-14': { p: 'ORD_', k: ['a', 'b'], s: [0, 'x'] } } },
		});
		expect(state).toEqual({
			version: STATE_VERSION,
			settingsHash: 'f1',
			watermark: '2026-06-14T10:00:00Z',
			resume: { offset: 180, latestUpdate: '2026-06-14T11:00:00Z', baseline: true },
			watchedFrom: '2026-06-01',
			seen: { statusNames: ['pending'], days: { '2026-06-14': { idPrefix: 'ORD_', ids: ['a', 'b'], statuses: [0, 'x'] } } },
		});
		expect(readVersion2(stockV2)).toEqual({ version: STATE_VERSION, settingsHash: stockV2.fp, inAlert: ['12345'] });
		expect(readVersion2({ v: 2, fp: 'f1', alert: [], over: true })).toEqual({ version: 3, settingsHash: 'f1', inAlert: [], tooManyAlerts: true });
	});

	test('a damaged field stays damaged, so the state is not loaded', () => {
		expect(readVersion2({ v: 2, fp: 'f1', seen: 'x', scan: 7 })).toMatchObject({ seen: 'x', resume: 7 });
		expect(loadState({ v: 2, fp: 'f1', seen: 'x' }, 'f1')).toBeUndefined();
		expect(loadState({ v: 2, fp: 'f1', scan: { o: 'y' } }, 'f1')).toBeUndefined();
		expect(loadState({ v: 2, fp: 'f1', seen: { c: 5, d: [] } }, 'f1')).toBeUndefined();
	});
});

describe('loadState / saveState', () => {
	test('a version 2 state of the same settings is loaded; one of other settings, version 1 or unknown ones are not', () => {
		expect(loadState(structuredClone(ordersV2), ordersV2.fp)).toMatchObject({ version: STATE_VERSION, watermark: ordersV2.wm });
		expect(loadState(structuredClone(ordersV2), 'another')).toBeUndefined();
		expect(loadState({ v: 1, fp: 'f1', alert: ['12345'] }, 'f1')).toBeUndefined();
		expect(loadState({ version: 7, settingsHash: 'f1' }, 'f1')).toBeUndefined();
		expect(loadState({}, 'f1')).toBeUndefined();
	});

	test('saving replaces the terse keys with the readable ones; an unchanged state is not rewritten', () => {
		const staticData: IDataObject = structuredClone(stockV2);
		const loaded = loadState(staticData, stockV2.fp);
		expect(loaded).toBeDefined();
		expect(saveState(staticData, { version: STATE_VERSION, settingsHash: stockV2.fp, inAlert: loaded?.inAlert, tooManyAlerts: undefined })).toBe(true);
		expect(staticData).toEqual({ version: STATE_VERSION, settingsHash: stockV2.fp, inAlert: ['12345'] });
		expect(saveState(staticData, { version: STATE_VERSION, settingsHash: stockV2.fp, inAlert: ['12345'] })).toBe(false);
		expect(loadState(staticData, stockV2.fp)).toEqual(staticData);
	});
});
