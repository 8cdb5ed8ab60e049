/** The web client's entry: reads where the API, the WebSocket gateway and sign-in are, then renders the app. */
import { render } from 'preact';
import { App } from './app';
import { readFirebaseConfig, readSignInConfig } from './auth/sign-in-config';
import { readConfig } from './config';
import './styles.css';

const root = document.getElementById('app');
const signIn = readSignInConfig(window.BLOGAPP_CONFIG);
// A chunk of its own: only a site with a sign-in provider loads the OAuth code (`make local` never does).
const hosted = signIn ? (await import('./auth/hosted-sign-in')).createHostedSignIn(signIn, location) : null;
// Firebase's SDK likewise: downloaded only by a site whose provider is Firebase.
const firebaseConfig = hosted ? null : readFirebaseConfig(window.BLOGAPP_CONFIG);
const firebase = firebaseConfig
  ? (await import('./auth/firebase-sign-in')).createFirebaseSignIn(firebaseConfig)
  : null;
if (root)
  render(
    <App config={readConfig(location, window.BLOGAPP_CONFIG)} hosted={hosted} firebase={firebase} />,
    root,
  );
