// Vite turns `?worker` imports into a constructor for a same-origin module worker.
declare module '*?worker' {
  const WorkerConstructor: new (options?: { name?: string }) => Worker;
  export default WorkerConstructor;
}
