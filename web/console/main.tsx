import { render } from 'preact';

/** The moderator console, mounted on /moderation. */
const root = document.getElementById('console');
if (root) render(<h1>Moderation</h1>, root);
