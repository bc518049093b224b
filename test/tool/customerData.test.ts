import { leaveOutCustomerData } from '../../nodes/PharmaOne/helpers/customerData';

describe('leaveOutCustomerData', () => {
	test('removes names, contact details, addresses, payment references and prescription files at any depth', () => {
		const record = {
			id: 'ORD_20260614_x',
			customer_id: 'c1',
			status: 'ready_pickup',
			payment_status: 'paid',
			customer_name: 'Max Mustermann',
			customerEmail: 'max@example.com',
			'Customer Phone': '+49 30 1',
			payment_reference: 'PAY-1',
			shipping_address: { street: 'Hauptstr. 1', city: 'Berlin' },
			address_street: 'Hauptstr. 1',
			prescription_pdf_url: 'https://files.example.com/rx.pdf',
			items: [{ p1_id: '12345', name: 'Example Strain', quantity: 1 }],
			customers: { top: [{ name: 'Erika Musterfrau', first_name: 'Erika', orders: 2, revenue: 12.5 }] },
		};
		expect(leaveOutCustomerData(record)).toEqual({
			id: 'ORD_20260614_x',
			customer_id: 'c1',
			status: 'ready_pickup',
			payment_status: 'paid',
			items: [{ p1_id: '12345', name: 'Example Strain', quantity: 1 }],
			customers: { top: [{ orders: 2, revenue: 12.5 }] },
		});
	});

	test('leaves products, shops and stock alone', () => {
		const product = { p1_id: '12345', name: 'Example Strain', shop_id: 'shop1', stockquantity: 4, price: 8.99, category: 'Flowers' };
		expect(leaveOutCustomerData(product)).toEqual(product);
	});
});
