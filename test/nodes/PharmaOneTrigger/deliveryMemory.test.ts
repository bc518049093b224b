import { claimDelivery } from '../../../nodes/PharmaOneTrigger/helpers/deliveryMemory';

describe('in-process delivery memory', () => {
	test('a delivery id is claimed once per trigger; other triggers are independent', () => {
		expect(claimDelivery('wf1:a', 'dummy-delivery-1', 10)).toBe(true);
		expect(claimDelivery('wf1:a', 'dummy-delivery-1', 10)).toBe(false);
		expect(claimDelivery('wf2:a', 'dummy-delivery-1', 10)).toBe(true);
	});

	test('ids already in static data count as seen (a restart keeps what n8n saved)', () => {
		expect(claimDelivery('wf3:a', 'dummy-old', 10, ['dummy-old'])).toBe(false);
		expect(claimDelivery('wf3:a', 'dummy-new', 10, ['dummy-old'])).toBe(true);
	});

	test('memory is bounded: the oldest ids are forgotten first', () => {
		for (let n = 0; n < 5; n++) expect(claimDelivery('wf4:a', `dummy-${n}`, 3)).toBe(true);
		expect(claimDelivery('wf4:a', 'dummy-4', 3)).toBe(false);
		expect(claimDelivery('wf4:a', 'dummy-2', 3)).toBe(false);
		expect(claimDelivery('wf4:a', 'dummy-0', 3)).toBe(true);
	});
});
