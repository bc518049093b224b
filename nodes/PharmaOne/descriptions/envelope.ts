import type { INodeProperties } from 'n8n-workflow';

import type { EnvelopeTarget } from '../schemas/envelope';
import { PAYMENT_STATUS_OPTIONS, additionalFields, lineItems } from './common';
import { shopLocator } from '../../shared/locators';

/** The envelope's fields, for either target, among the fields of the operation that sends it. */
export function envelopeFields(target: EnvelopeTarget): INodeProperties[] {
	const destination =
		target === 'orderRequest'
			? 'staff review it in PharmaOne Manager before it becomes an order'
			: 'the pharmacy reviews it before it becomes an order';
	return [
		...(target === 'orderRequest'
			? [shopLocator({ required: true, description: 'The shop that receives the order request (sent as payload.shop_id)' })]
			: []),
		{
			displayName: 'External Reference',
			name: 'externalReference',
			type: 'string',
			default: '',
			placeholder: 'POS-123',
			description: `Your reference for this request (external_reference), returned in the response so you can trace it; recommended, and best unique per order. ${destination[0].toUpperCase()}${destination.slice(1)}.`,
		},
		{
			displayName: 'Source',
			name: 'source',
			type: 'string',
			default: 'n8n',
			description: 'Name of the sending system (source), e.g. n8n, woocommerce, pos-system',
		},
		{
			displayName: 'Customer Email',
			name: 'customerEmail',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			description: 'The customer\'s email (customer_email). Customer Email, Customer Name or both are required.',
		},
		{
			displayName: 'Customer Name',
			name: 'customerName',
			type: 'string',
			default: '',
			description: 'The customer\'s name (customer_name). Customer Email, Customer Name or both are required.',
		},
		{
			displayName: 'Order Content',
			name: 'orderContent',
			type: 'options',
			options: [
				{ name: 'Line Items', value: 'items', description: 'Products and quantities' },
				{
					name: 'Prescription PDF From Binary',
					value: 'pdfBinary',
					description: 'A PDF file in a binary field of the input item, sent base64-encoded instead of items',
				},
				{ name: 'Prescription PDF From URL', value: 'pdfUrl', description: 'A link to a prescription PDF, sent instead of items' },
			],
			default: 'items',
			description: 'What is ordered: line items, or a prescription PDF the pharmacy turns into an order',
		},
		lineItems(
			{
				description:
					'Each line needs a Quantity greater than 0 and a Name, a Product ID or a Product ID (Shop). Use Product ID for products of the PharmaOne catalogue; use Product ID (Shop) when you only know the ID the shop itself gives the product.',
				displayOptions: { show: { orderContent: ['items'] } },
			},
			[
				{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Product name (name)' },
				{
					displayName: 'Price',
					name: 'price',
					type: 'number',
					default: 0,
					typeOptions: { numberPrecision: 2 },
					description: 'Unit price (price); 0 sends no price',
				},
				{
					displayName: 'Product ID',
					name: 'p1Id',
					type: 'string',
					default: '',
					placeholder: '12345',
					description:
						'The PharmaOne catalogue product ID (P1 ID), a number such as 12345, the same in every shop. Sent as p1_id.',
				},
				{
					displayName: 'Product ID (Shop)',
					name: 'productId',
					type: 'string',
					default: '',
					description:
						"The ID the shop itself gives the product, for when you do not have the P1 ID. Sent as product_id.",
				},
				{
					displayName: 'Quantity',
					name: 'quantity',
					type: 'number',
					default: 1,
					typeOptions: { minValue: 0 },
					description: 'How many units (quantity); must be greater than 0',
				},
			],
		),
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the input binary field containing the prescription PDF',
			description: 'The PDF is checked (it must start with %PDF) and sent base64-encoded as prescription_pdf_base64',
			displayOptions: { show: { orderContent: ['pdfBinary'] } },
		},
		{
			displayName: 'Prescription PDF URL',
			name: 'pdfUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://example.com/prescription.pdf',
			description: 'An http(s) link to the prescription PDF, sent as prescription_pdf_url',
			displayOptions: { show: { orderContent: ['pdfUrl'] } },
		},
		additionalFields(
			[
				{ displayName: 'Address City', name: 'address_city', type: 'string', default: '', description: 'Delivery address city (sent as address_city)' },
				// PharmaOne documents address_street, address_city "etc."; the phone and postal code keys are inferred.
				{ displayName: 'Address Phone', name: 'address_phone', type: 'string', default: '', description: 'Contact phone (sent as address_phone)' },
				{ displayName: 'Address Postal Code', name: 'address_postal_code', type: 'string', default: '', description: 'Delivery postal code (sent as address_postal_code)' },
				{ displayName: 'Address Street', name: 'address_street', type: 'string', default: '', description: 'Delivery street and number (sent as address_street)' },
				{ displayName: 'Cash on Pickup', name: 'cash_on_pickup', type: 'boolean', default: true, description: 'Whether the customer pays at pickup (sent as cash_on_pickup)' },
				{
					displayName: 'External Order ID',
					name: 'external_id',
					type: 'string',
					default: '',
					description: 'Pre-assigns the external ID of the order created from this request (sent as external_id)',
				},
				{
					displayName: 'Payment Status',
					name: 'payment_status',
					type: 'options',
					options: PAYMENT_STATUS_OPTIONS,
					default: 'paid',
					description: 'Payment status (sent as payment_status); send other values through Additional Body Fields (JSON)',
				},
				{
					displayName: 'Total Amount',
					name: 'total_amount',
					type: 'number',
					default: 0,
					typeOptions: { numberPrecision: 2 },
					description: 'Order total (sent as total_amount)',
				},
			],
			'"payload"',
			target === 'orderRequest' ? '' : 'Never add org_id or shop_id: the Shop URL of the credential decides the shop.',
		),
	];
}
