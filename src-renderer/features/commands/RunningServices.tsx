import { useId } from 'react';
import type { BackgroundService } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';
import { useTaskServices, useTaskServicesError } from './commands-store';
import { serviceStateText, startedAtText } from './service-text';
import './services.css';

/**
 * The long-lived services the task's agent started (a dev server, a watcher), region
 * `Services`: each with its command, pid, start time and recent output, and a Stop button.
 * Shown only while the task has any.
 */
export function RunningServices({ taskId }: { taskId: string }) {
  const services = useTaskServices(taskId);
  const error = useTaskServicesError(taskId);
  const headingId = useId();
  if (services.length === 0 && !error) return null;
  const running = services.filter((service) => service.state === 'running').length;
  return (
    <section className="services" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        Services <span className="services__count">{running} running</span>
      </h2>
      <InlineError message={error} />
      <ul className="services__list">
        {services.map((service) => (
          <ServiceItem key={service.id} service={service} />
        ))}
      </ul>
    </section>
  );
}

function ServiceItem({ service }: { service: BackgroundService }) {
  const api = useBridge();
  const { pending, error, run } = useHostAction();
  const running = service.state === 'running';
  const stop = () => run(() => api.invoke('commands.stopService', { taskId: service.taskId, serviceId: service.id }));
  return (
    <li className="services__item" aria-label={service.name}>
      <div className="services__row">
        <span className="services__name">{service.name}</span>
        <span className={`services__state services__state--${service.state}`}>{serviceStateText(service)}</span>
        <button type="button" className="button button--small" onClick={() => void stop()} disabled={pending} aria-label={`${running ? 'Stop' : 'Dismiss'} ${service.name}`}>
          {pending ? 'Stopping…' : running ? 'Stop' : 'Dismiss'}
        </button>
      </div>
      <p className="services__facts">
        <span className="mono selectable">{service.command}</span> · pid {service.pid} · started {startedAtText(service.startedAt)}
      </p>
      <InlineError message={error} />
      {service.recentOutput.trim() !== '' && (
        <details className="services__output">
          <summary>Recent output</summary>
          <pre className="mono selectable">{service.recentOutput.trimEnd()}</pre>
        </details>
      )}
    </li>
  );
}
