import { describe, expect, it } from "vitest";
import { classifyAutomatic } from "../classify/classify-automatic";
import { readBodyMarkers, readMessageIdMarker } from "../thread/marker";
import { defaultCatalog, resolveTemplate, type NotificationCatalog } from "./notification-templates";
import { renderNotification, type NotificationRequest } from "./render-notification";

const key = { instanceId: "acme", secret: "s3cret" };
const request: NotificationRequest = {
  kind: "acknowledgement",
  serviceId: "it",
  language: "en",
  ticketRef: "t1",
  ticketNumber: "IT-000123",
  from: "IT Support <it@desk.example.com>",
  to: ["ann@example.com"],
  data: { subject: "Printer & scanner", requesterName: "Ann", serviceName: "IT Support" },
  replyTo: { messageId: "<m2@customer>", references: ["<m1@customer>"] },
};

describe("renderNotification", () => {
  it("tags the subject and leaves text unescaped", () => {
    const mail = renderNotification(request, { key, host: "desk.example.com" });
    expect(mail.subject).toBe("[IT-000123] We received your request: Printer & scanner");
    expect(mail.text).toContain("logged as IT-000123");
  });
  it("escapes template data in HTML", () => {
    const mail = renderNotification({ ...request, data: { ...request.data, requesterName: "<script>x</script>" } }, { key, host: "h" });
    expect(mail.html).toContain("&lt;script&gt;");
  });
  it("threads under the customer's message and carries our signed Message-ID and body marker", () => {
    const mail = renderNotification(request, { key, host: "desk.example.com" });
    expect(mail.inReplyTo).toBe("<m2@customer>");
    expect(mail.references).toEqual(["<m1@customer>", "<m2@customer>"]);
    expect(readMessageIdMarker(key, mail.messageId)).toEqual({ instanceId: "acme", ticketRef: "t1" });
    expect(readBodyMarkers(key, mail.text)).toEqual([{ instanceId: "acme", ticketRef: "t1" }]);
  });
  it("marks desk-generated mail Auto-Submitted and agent replies not", () => {
    const ack = renderNotification(request, { key, host: "h" });
    expect(ack.headers["Auto-Submitted"]).toBe("auto-replied");
    expect(ack.headers["X-Auto-Response-Suppress"]).toBe("All");
    const reply = renderNotification({ ...request, kind: "agent-reply", data: { ...request.data, body: "Fixed.", agentName: "Bob" } }, { key, host: "h" });
    expect(reply.headers["Auto-Submitted"]).toBeUndefined();
    expect(reply.subject).toBe("[IT-000123] Re: Printer & scanner");
  });
  it("is seen as automatic by our own classifier, so two desks never loop", () => {
    const ack = renderNotification(request, { key, host: "h" });
    const verdict = classifyAutomatic({
      from: { address: "it@desk.example.com", name: "" },
      subject: ack.subject,
      automaticHeaders: {
        autoSubmitted: ack.headers["Auto-Submitted"] ?? null,
        precedence: null,
        xAutoreply: null,
        xAutorespond: null,
        returnPath: null,
        listId: null,
        contentType: "text/plain",
        reportType: null,
      },
    });
    expect(verdict.automatic).toBe(true);
  });
  it("renders every kind in English", () => {
    for (const kind of ["acknowledgement", "agent-reply", "status-change", "satisfaction-survey", "sla-warning"] as const) {
      expect(renderNotification({ ...request, kind }, { key, host: "h" }).subject).toContain("IT-000123");
    }
  });
});

describe("resolveTemplate", () => {
  const catalog: NotificationCatalog = {
    defaultLanguage: "en",
    services: { ...defaultCatalog.services, billing: { de: { acknowledgement: { subject: "Rechnung", text: "." } } } },
  };
  it("prefers the service's own template in the language", () => {
    expect(resolveTemplate(catalog, "billing", "de-AT", "acknowledgement")?.subject).toBe("Rechnung");
  });
  it("falls back to the shared template of the language", () => {
    expect(resolveTemplate(catalog, "billing", "de", "status-change")?.subject).toContain("ist jetzt");
  });
  it("falls back to the default language", () => {
    expect(resolveTemplate(catalog, "it", "fr", "sla-warning")?.subject).toContain("SLA warning");
  });
});
