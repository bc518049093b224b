import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PharmaOneClient } from '../../shared/client';
import { fetchRows } from '../../shared/pager';
import { ROUTES } from '../../shared/routes';
import type { RecordEventType, StockEventType } from './diff';
import { inAlert, recordId, statusOf, stockOf } from './diff';
import { stockEventItem } from './events';
import type { Settings } from './settings';
import { recordKind } from './settings';
import { compareTimestamps, parseInstant } from './timestamps';

/** Rows "Fetch Test Event" reads (one request) to pick the most recent record from. */
export const SAMPLE_ROWS = 50;

/** The row with the latest readable `field`, or undefined when no row has one. */
function newest(rows: IDataObject[], field: 'created_at' | 'updated_at'): IDataObject | undefined {
	let best: IDataObject | undefined;
	for (const row of rows) {
		if (parseInstant(row[field]) === undefined) continue;
		if (best === undefined || (compareTimestamps(row[field], best[field]) ?? 0) > 0) best = row;
	}
	return best;
}

/**
 * "Fetch Test Event": one real recent record shaped like an event (previous status unknown),
 * without touching the state. PharmaOne documents no list order, so the most recently created
 * (New …) or updated (… Status Changed) of the first rows is shown.
 */
export async function sampleEvent(context: IPollFunctions, client: PharmaOneClient, settings: Settings): Promise<IDataObject> {
	const detectedAt = new Date().toISOString();
	const none = (what: string, hint: string) =>
		new NodeOperationError(context.getNode(), `PharmaOne returned no ${what} to show as a test event`, {
			description: hint,
		});

	const kind = recordKind(settings.event);
	if (kind !== undefined) {
		const rows = await fetchRows(client, kind.route, { returnAll: false, limit: SAMPLE_ROWS, qs: kind.qs(settings) });
		const row =
			(settings.event === kind.statusChanged ? newest(rows, 'updated_at') : undefined) ?? newest(rows, 'created_at') ?? rows[0];
		if (row === undefined) {
			throw kind.label === 'orders'
				? none('orders', 'Create an order in PharmaOne (or clear the Shop filter) and fetch again.')
				: none('prescriptions', 'Create a prescription in PharmaOne and fetch again.');
		}
		const eventType = settings.event as RecordEventType;
		return kind.item({ eventType, id: recordId(row.id) ?? '', oldStatus: null, newStatus: statusOf(row.status), row }, detectedAt);
	}

	const eventType = settings.event as StockEventType;
	const products = new Set(settings.products);
	const rows = (await fetchRows(client, ROUTES.inventory.getAll, { returnAll: true, limit: 0 })).filter((row) => {
		const id = recordId(row.p1_id);
		return id !== undefined && (products.size === 0 || products.has(id));
	});
	const row =
		rows.find((candidate) => {
			const stock = stockOf(candidate);
			return stock !== undefined && inAlert(eventType, stock, settings.threshold);
		}) ?? rows[0];
	if (row === undefined) {
		throw none('inventory rows', 'Add products to the organization inventory (or check the Product IDs filter) and fetch again.');
	}
	return stockEventItem(
		{ eventType, id: recordId(row.p1_id) ?? '', stock: stockOf(row) ?? 0, row },
		settings.threshold,
		detectedAt,
	);
}
