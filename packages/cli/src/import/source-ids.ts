import type { AgentId, ContactId, ContactListId, GroupId, OrganizationId, ServiceId } from "@spoc/core";
import type { Mapping } from "./mapping";

/** How source names become spoc ids in the service a mapping imports into. */
export interface SourceIds {
  readonly serviceId: ServiceId;
  readonly contactListId: ContactListId;
  agent(name: string): AgentId;
  group(name: string): GroupId;
  contact(name: string): ContactId;
  organization(name: string): OrganizationId;
  /** The `externalId` of the ticket's opening message: finds the ticket again on re-import. */
  ticketExternalId(key: string): string;
  /** The contact used when the log names no requester. */
  readonly unknownRequester: string;
}

/**
 * Ids for a mapping: every source name is prefixed with the service key, so two imported logs
 * never share an agent, group or contact by accident.
 * @example sourceIds(servicenowIncident).group("Group 56") // "inc:Group 56"
 */
export function sourceIds(mapping: Mapping): SourceIds {
  const p = `${mapping.service.key.toLowerCase()}:`;
  return {
    serviceId: mapping.service.id as ServiceId,
    contactListId: `${mapping.service.id}-contacts` as ContactListId,
    agent: (n) => `${p}${n}` as AgentId,
    group: (n) => `${p}${n}` as GroupId,
    contact: (n) => `${p}${n}` as ContactId,
    organization: (n) => `${p}${n}` as OrganizationId,
    ticketExternalId: (key) => `import:${key}`,
    unknownRequester: "unknown requester",
  };
}

/** The source name of an id made by `sourceIds` (the id itself when it has no prefix). */
export const sourceName = (id: string): string => {
  const i = id.indexOf(":");
  return i === -1 ? id : id.slice(i + 1);
};
