// Shared base styles first: every feature's own stylesheet (imported by its components) builds on them.
import './styles/theme.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/surfaces.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BridgeProvider } from './bridge/bridge-context';
import { chooseBridge } from './bridge/choose-bridge';
import { App } from './features/app/App';
import { syncHostState } from './features/app/sync-host-state';
import { syncTimeline } from './features/conversation/timeline-sync';
import { syncReview } from './features/review/review-sync';
import { syncRadar } from './features/radar/radar-sync';
import { syncCommands } from './features/commands/commands-sync';
import { syncPlans } from './features/plans/plans-sync';
import { syncTerminals } from './features/terminals/terminals-sync';
import { syncImplement } from './features/implement/implement-sync';
import { syncNotifications } from './features/notifications';
import { useAppStore } from './features/app/app-store';
import { applyTheme } from './ui/theme';
import { syncReviews } from './features/review-role/reviews-sync';
import { syncPipelines } from './features/pipelines/pipelines-sync';

// Before the first paint, so a dark theme never flashes light.
applyTheme();
// Chosen once, before the first render: also takes the web-mode token out of the address bar.
const bridge = chooseBridge();
syncHostState(bridge);
syncTimeline(bridge);
syncReview(bridge);
syncRadar(bridge);
syncCommands(bridge);
syncPlans(bridge);
syncTerminals(bridge);
syncImplement(bridge);
syncNotifications(bridge, () => useAppStore.getState().info, (listener) => useAppStore.subscribe(listener));
syncReviews(bridge);
syncPipelines(bridge);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <BridgeProvider bridge={bridge}>
      <App />
    </BridgeProvider>
  </StrictMode>,
);
