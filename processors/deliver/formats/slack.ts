// Slack incoming webhook (Block Kit): a header, the one-sentence message, key facts, the pivot path hop by hop,
// and the ATT&CK techniques. `text` is the notification fallback Slack shows where blocks cannot render.
import type { Notification } from "../notification.ts";

const ICON = {
  critical: ":red_circle:",
  high: ":large_orange_circle:",
  medium: ":large_yellow_circle:",
  low: ":white_circle:",
};
const VERB = { trigger: "", acknowledge: "Acknowledged: ", resolve: "Resolved: " };

/** Slack refuses section text over 3000 characters. */
const clip = (text: string, max = 2900) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function slackBody(notification: Notification, kibanaLink?: string): Record<string, unknown> {
  const title = `${VERB[notification.action]}${ICON[notification.severity]} ${notification.severity.toUpperCase()}: ${notification.rule.name}`;
  const path = notification.path
    .map(
      (hop, i) =>
        `${i + 1}. \`${hop.time.slice(11, 19)}Z\` *${escapeMrkdwn(hop.host)}*${hop.zone ? ` (${escapeMrkdwn(hop.zone)}, L${hop.level})` : ""} via ${escapeMrkdwn(hop.via)}`,
    )
    .join("\n");
  const blocks: Record<string, unknown>[] = [
    { type: "header", text: { type: "plain_text", text: clip(title, 150) } },
    { type: "section", text: { type: "mrkdwn", text: clip(escapeMrkdwn(notification.message)) } },
    {
      type: "section",
      fields: [
        { type: "mrkdwn", text: `*Severity*\n${notification.severity} (risk ${notification.risk_score})` },
        { type: "mrkdwn", text: `*Events*\n${notification.count}` },
        { type: "mrkdwn", text: `*IT→OT crossing*\n${escapeMrkdwn(notification.it_ot_crossing ?? "none")}` },
        { type: "mrkdwn", text: `*Rule*\n${escapeMrkdwn(notification.rule.id)} v${notification.rule.version}` },
      ],
    },
  ];
  if (path) blocks.push({ type: "section", text: { type: "mrkdwn", text: clip(`*Pivot path*\n${path}`) } });
  const context = [`incident \`${escapeMrkdwn(notification.incident_id)}\``];
  if (notification.techniques.length > 0)
    context.push(escapeMrkdwn(notification.techniques.map((t) => `${t.id} ${t.name}`).join(", ")));
  if (kibanaLink) context.push(`<${kibanaLink}|Open in Kibana>`);
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: clip(context.join(" · ")) }] });
  return { text: clip(`${title}: ${notification.message}`), blocks };
}
