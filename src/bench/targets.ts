/** A GraphQL server under test: where to send requests and which process to watch. */
export interface Server {
  name: 'gateway' | 'mesh';
  url: string;
  pid: number;
}

export interface BenchSettings {
  seconds: number;
  warmupSeconds: number;
  rounds: number;
  connections: number;
}
