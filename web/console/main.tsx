import { render } from 'preact';
import { App } from './app';
import { adoptStyles } from './styles';

/** The moderator console, mounted on /moderation (same origin as the API, under its strict CSP). */
const root = document.getElementById('console');
if (root) {
  adoptStyles();
  render(<App />, root);
}
