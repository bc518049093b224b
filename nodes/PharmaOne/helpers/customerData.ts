import type { IDataObject } from 'n8n-workflow';

/**
 * Customer personal data in PharmaOne answers, by key (snake_case, Title Case and camelCase keys alike):
 * names, email addresses, phone numbers, postal addresses, payment references, prescription files and links.
 * IDs and statuses are never personal data here, so an agent can still say which order is ready.
 */
const PERSONAL_KEY = new RegExp(
	[
		'^customer_(name|email|phone|mobile|address|first_name|last_name|full_name|birth_?date|date_of_birth)$',
		'(^|_)(e_?mail|phone|mobile|telephone|fax)($|_)',
		'(^|_)(first|last|full|given|family|sur)_?name$',
		'address', // shipping_address, billing_address, address_street, ...
		'^(street|city|postal_code|zip|zip_code|postcode)$',
		'^payment_reference$',
		'^(iban|bic|card_number|birth_?date|date_of_birth)$',
		'prescription_(pdf|file|document|url|link)',
		'(^|_)(pdf|file|document|attachment)_(url|link|base64|data)$',
	].join('|'),
);

/** Lists whose every entry is a customer: inside them, `name` is a person's name too. */
const PEOPLE_KEY = /(^|_)(customers?|patients?|recipients?|contacts?)($|_)/;

/** The field names the option's description lists, so the UI and the code cannot drift apart. */
export const LEFT_OUT_FIELDS =
	'customer name, email and phone, shipping and other addresses (street, city, postal code), payment reference, prescription PDFs and links, and the names in customer lists such as a report\'s top customers';

/** `Customer Email` → `customer_email`, `customerEmail` → `customer_email`. */
function normalise(key: string): string {
	return key
		.replace(/([a-z0-9])([A-Z])/g, '$1_$2')
		.replace(/[\s-]+/g, '_')
		.toLowerCase();
}

function isKept(key: string): boolean {
	return key === 'id' || key.endsWith('_id') || key.endsWith('_ids') || key.includes('status');
}

function isPersonal(key: string, amongPeople: boolean): boolean {
	if (isKept(key)) return false;
	if (amongPeople && key === 'name') return true;
	return PERSONAL_KEY.test(key);
}

function strip(value: unknown, amongPeople: boolean): unknown {
	if (Array.isArray(value)) return value.map((entry) => strip(entry, amongPeople));
	if (value === null || typeof value !== 'object') return value;
	const kept: IDataObject = {};
	for (const [key, entry] of Object.entries(value as IDataObject)) {
		const normalised = normalise(key);
		if (isPersonal(normalised, amongPeople)) continue;
		kept[key] = strip(entry, amongPeople || PEOPLE_KEY.test(normalised)) as IDataObject;
	}
	return kept;
}

/** A copy of `record` without customer personal data, at any depth; IDs, statuses and amounts stay. */
export function leaveOutCustomerData(record: IDataObject): IDataObject {
	return strip(record, false) as IDataObject;
}
