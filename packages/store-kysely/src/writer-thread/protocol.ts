import type { DirectoryEntries } from "@spoc/core";
import { StoreError, type StoreErrorReason } from "@spoc/core";
import type { AppendRows } from "../store/append-rows";

/** What the SQLite writer thread does, by name: the store's writes that an import makes by the thousand. */
export interface WriterOps {
  appendRows(rows: AppendRows): Promise<void>;
  putDirectory(entries: DirectoryEntries): Promise<void>;
  allocateTicketNumberBlock(serviceId: string, count: number): Promise<number>;
  releaseTicketNumberBlock(serviceId: string, first: number, count: number): Promise<boolean>;
  /** Closes the writer's connection (the last call). */
  close(): Promise<void>;
}

/** A call sent to the writer thread. */
export interface WriterCall {
  readonly id: number;
  readonly op: keyof WriterOps;
  readonly args: ReadonlyArray<unknown>;
}

/** An error as it crosses the thread boundary (class instances do not survive structured cloning). */
export type WireError =
  | { readonly kind: "store"; readonly reason: StoreErrorReason; readonly message: string }
  | { readonly kind: "error"; readonly name: string; readonly message: string };

/** The writer thread's answer to one call, or its first message (`id` 0: opened, or why not). */
export type WriterReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: WireError };

/** Encodes an error for `postMessage`. */
export const toWire = (e: unknown): WireError =>
  e instanceof StoreError
    ? { kind: "store", reason: e.reason, message: e.message }
    : { kind: "error", name: e instanceof Error ? e.name : "Error", message: e instanceof Error ? e.message : String(e) };

/** Rebuilds an error from the wire: a `StoreError` stays one, with its reason. */
export const fromWire = (w: WireError): Error => {
  if (w.kind === "store") return new StoreError({ reason: w.reason, message: w.message });
  const e = new Error(w.message);
  e.name = w.name;
  return e;
};
