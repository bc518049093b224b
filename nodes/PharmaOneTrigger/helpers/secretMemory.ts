/**
 * The signing secret each trigger last read from its credential, kept in this n8n process.
 *
 * Reading a credential during a webhook call is costly in n8n 2.41 (it builds a throwaway workflow
 * and an expression isolate for every read), so a delivery is first checked against the secret
 * read for an earlier one. A delivery that does not verify with it makes the trigger read the
 * credential again and check once more, so a secret changed in n8n is picked up by the very
 * delivery that needs it and no delivery is refused because of a stale secret. A remembered secret
 * is trusted for at most REMEMBER_MS: a secret replaced in n8n stops being accepted as soon as a
 * delivery signed with the new one arrives, and after REMEMBER_MS at the latest.
 */
export const REMEMBER_MS = 60_000;

const MAX_TRIGGERS = 500;

const remembered = new Map<string, { secret: string; readAt: number }>();

/**
 * Verifies a delivery for the trigger `key` (workflow, node and credential): with the remembered
 * secret when there is a recent one and it verifies, otherwise with the secret `read` from the
 * credential now (which is then remembered). Fails closed: an unreadable or empty secret verifies
 * nothing. Returns whether the delivery verified, and the secret that decided.
 */
export async function verifyWithSecret(
	key: string,
	read: () => Promise<string | undefined>,
	verify: (secret: string | undefined) => boolean,
): Promise<{ valid: boolean; secret: string | undefined }> {
	const known = remembered.get(key);
	if (known && Date.now() - known.readAt < REMEMBER_MS && verify(known.secret)) {
		return { valid: true, secret: known.secret };
	}
	const readAt = Date.now();
	const secret = await read();
	remembered.delete(key);
	if (typeof secret === 'string' && secret.trim() !== '') {
		if (remembered.size >= MAX_TRIGGERS) remembered.delete(remembered.keys().next().value as string);
		remembered.set(key, { secret, readAt });
	}
	return { valid: verify(secret), secret };
}
