export { DomainEventBus, type DomainEventName, type DomainEvents, type DomainListener } from './domain-events';
export { forwardToContract, type ContractEmit } from './contract-events';
