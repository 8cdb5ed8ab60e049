/**
 * The hosted web client's `/blogapp-config.js`: where its API, WebSocket and sign-in are, from the stack's
 * outputs. index.html loads it before the app, and it is never cached, so a deploy that moves a URL
 * reaches every browser at once.
 */
export interface SiteRuntimeConfig {
  apiUrl: string;
  wsUrl: string;
  signIn?: { issuer: string; clientId: string; logoutUrl?: string };
  /** A stack whose AuthProvider is firebase: the web app config Firebase's SDK starts from. */
  firebase?: { apiKey: string; authDomain: string; projectId: string };
}

/** The config the web client reads, from the outputs the stack reports (`ApiUrl`, `SignInIssuer`…). */
export function runtimeConfigFromOutputs(
  outputs: Readonly<Record<string, string | undefined>>,
): SiteRuntimeConfig {
  const need = (name: string) => {
    const value = outputs[name];
    if (!value)
      throw new Error(`The stack has no ${name} output: deploy the template first, then publish the site.`);
    return value;
  };
  const {
    SignInIssuer,
    WebClientId,
    SignInDomain,
    FirebaseProjectId,
    FirebaseWebApiKey,
    FirebaseAuthDomain,
  } = outputs;
  return {
    // The API's own name when it has one (ApiDomainName), execute-api's otherwise.
    apiUrl: (outputs.ApiCustomUrl ?? need('ApiUrl')).replace(/\/+$/, ''),
    wsUrl: need('WebSocketURL'),
    // A stack with its own pool signs in on Cognito's managed login; others keep the client's token form.
    ...(SignInIssuer && WebClientId
      ? {
          signIn: {
            issuer: SignInIssuer,
            clientId: WebClientId,
            ...(SignInDomain ? { logoutUrl: `${SignInDomain.replace(/\/+$/, '')}/logout` } : {}),
          },
        }
      : {}),
    // A Firebase stack signs in with Firebase's SDK (the outputs exist only with AuthProvider=firebase).
    ...(FirebaseProjectId && FirebaseWebApiKey && FirebaseAuthDomain
      ? {
          firebase: {
            apiKey: FirebaseWebApiKey,
            authDomain: FirebaseAuthDomain,
            projectId: FirebaseProjectId,
          },
        }
      : {}),
  };
}

/** The script itself; JSON.stringify escapes `<` so a value can never close a script element. */
export function runtimeConfigScript(config: SiteRuntimeConfig): string {
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `window.BLOGAPP_CONFIG = Object.assign(${json}, window.BLOGAPP_CONFIG);\n`;
}
