import { contextBridge, ipcRenderer } from 'electron';
import { createBraidApi } from './braid-api';

// The page sees exactly `window.braid` (invoke + on); ipcRenderer itself never crosses.
contextBridge.exposeInMainWorld(
  'braid',
  createBraidApi({
    invoke: (channel, ...args) => ipcRenderer.invoke(channel, ...args),
    on: (channel, listener) => ipcRenderer.on(channel, listener),
  }),
);
