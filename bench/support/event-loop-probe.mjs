// Loaded into the measured host with `node --import` so the bench can read the host's own
// event-loop delay over IPC without changing the host. Plain JavaScript on purpose: no
// TypeScript loader in the host process, whose memory is measured too.
import { monitorEventLoopDelay } from 'node:perf_hooks';

if (process.send) {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  process.on('message', (message) => {
    if (message?.probe === 'start') {
      histogram.reset();
      histogram.enable();
      process.send?.({ probe: 'started' });
    } else if (message?.probe === 'stop') {
      histogram.disable();
      process.send?.({ probe: 'stopped', p99Ms: histogram.percentile(99) / 1e6 });
    }
  });
  // The channel must not keep the host alive after it has shut down.
  process.channel?.unref();
}
