/** Who is calling, once their token is verified and their profile exists. */
export interface Actor {
  userId: string;
  displayName: string;
}

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
