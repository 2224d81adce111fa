import type { ChildProcess } from 'node:child_process';

export interface TopologyServer {
  name: 'primary' | 'replica';
  port: number;
  dataDir: string;
  logFile: string;
  url: string;
}

export interface TopologyNode {
  name: string;
  port: number;
  url: string;
  pid: number;
  logFile: string;
  process: ChildProcess;
}

export interface Topology {
  dir: string;
  pgBin: string;
  primary: TopologyServer;
  replica: TopologyServer;
  nodes: TopologyNode[];
  psql(which: 'primary' | 'replica', query: string): Promise<string>;
  pgCtl(which: 'primary' | 'replica', action: 'start' | 'stop' | 'restart'): Promise<void>;
  replicaCaughtUp(timeoutMs?: number): Promise<void>;
  startNode(i: number): Promise<TopologyNode>;
  stopNode(i: number, signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

export interface TopologyOptions {
  nodes?: number;
  nodeEnv?: Record<string, string>;
  settings?: Record<string, string>;
  log?: (line: string) => void;
}

export function postgresBin(): string | null;
export function startTopology(options?: TopologyOptions): Promise<Topology>;
