import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'parley-chat/parley-chat';
import type {} from 'parley-chat/react';

const url = new URLSearchParams(location.search).get('url') ?? 'http://127.0.0.1:3001';

function App() {
  const chat = useRef<HTMLElementTagNameMap['parley-chat']>(null);
  const [received, setReceived] = useState(0);
  useEffect(() => {
    const onMessage = () => setReceived((n) => n + 1);
    const element = chat.current;
    element?.addEventListener('parley-message', onMessage);
    return () => element?.removeEventListener('parley-message', onMessage);
  }, []);
  return (
    <main>
      <h1>Parley with React</h1>
      <p>Messages received: <output>{received}</output></p>
      <parley-chat ref={chat} protocol="chatwoot" url={url} inbox-identifier="demo-inbox" contact-name="React visitor" />
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
