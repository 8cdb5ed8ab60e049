/** Who is calling, once their token is verified and their profile exists. */
export interface Actor {
  userId: string;
  displayName: string;
}

/**
 * The longest user id (a token's subject) accepted anywhere: verifiers refuse longer subjects, and the API
 * takes any id up to this wherever it names a user (`?author=`), so every user it serves can be named.
 * Ids are otherwise any well-formed text: storage keys percent-encode or prefix them whole.
 */
export const MAX_USER_ID_LENGTH = 128;

/** The claims of a verified token that the domain cares about. */
export interface Identity {
  userId: string;
  name?: string;
  email?: string;
}

/** Verifies a bearer token (Firebase, Cognito or the local issuer); throws UnauthorizedError. */
export interface TokenVerifier {
  verify(token: string): Promise<Identity>;
}
