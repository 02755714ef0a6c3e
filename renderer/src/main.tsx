/** Entry: pick the transport (Electron bridge or WebSocket), build the one client and the one store, render. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createStationClient } from './client';
import { LocaleProvider } from './i18n';
import { createStationStore } from './store';
import { StoreProvider } from './storeContext';
import { ipcTransport } from './transports/ipcTransport';
import { wsTransport } from './transports/wsTransport';
import './styles.css';

const transport = window.printStation ? ipcTransport(window.printStation) : wsTransport();
const store = createStationStore(createStationClient(transport));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      <LocaleProvider>
        <App />
      </LocaleProvider>
    </StoreProvider>
  </StrictMode>,
);
