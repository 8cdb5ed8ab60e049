/** The web client's entry: reads where the API and WebSocket gateway are, then renders the app. */
import { render } from 'preact';
import { App } from './app';
import { readConfig } from './config';
import './styles.css';

const root = document.getElementById('app');
if (root) render(<App config={readConfig(location, window.BLOGAPP_CONFIG)} />, root);
