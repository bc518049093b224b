import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * Settings and shared back-off of one node execution, keyed weakly by its context object, so
 * items processed in parallel pause together after a 429 and nothing outlives the execution.
 */
export interface ExecutionState {
	retry: boolean;
	/** Epoch milliseconds before which no request of this execution is sent. */
	resumeAt: number;
	/**
	 * Decrypted credentials by type, read once per execution. n8n updates this object in place
	 * when it exchanges the API key for a new token, so every item sees the current token.
	 */
	credentials: Map<string, Promise<ICredentialDataDecryptedObject>>;
}

const states = new WeakMap<object, ExecutionState>();

export function executionState(context: object): ExecutionState {
	let state = states.get(context);
	if (!state) {
		state = { retry: true, resumeAt: 0, credentials: new Map() };
		states.set(context, state);
	}
	return state;
}
