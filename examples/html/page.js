// Another server than the demo's: ?url=https://chat.example.com
const url = new URLSearchParams(location.search).get('url');
if (url) document.addEventListener('DOMContentLoaded', () => document.querySelector('parley-chat').setAttribute('url', url));
