// OPC UA services -> action, keyed by the binary encoding NodeId of the request (what ICSNPP-OPCUA-Binary logs
// as `identifier`, e.g. 673 WriteRequest) and by name. Responses are their request's id + 3 (676
// WriteResponse) and are looked up through the request.
// Spec: OPC 10000-4 (OPC UA Part 4: Services) §5.4-5.13 for the service semantics; encoding NodeIds from
// OPC 10000-6 (Part 6: Mappings) / the published NodeIds.csv.
import { defineTable, type FunctionRow } from "./table.ts";

// Rows name the request; the table stores the service name (`Write`, alias `WriteRequest`) so that a request
// and its response (`WriteResponse`) classify to the same function.
const serviceRows: readonly FunctionRow[] = [
  [422, "FindServersRequest", "discovery"],
  [428, "GetEndpointsRequest", "discovery"],
  [437, "RegisterServerRequest", "config"],
  [446, "OpenSecureChannelRequest", "auth"],
  [452, "CloseSecureChannelRequest", "auth"],
  [461, "CreateSessionRequest", "auth"],
  [467, "ActivateSessionRequest", "auth"],
  [473, "CloseSessionRequest", "auth"],
  [479, "CancelRequest", "other"],
  [488, "AddNodesRequest", "config"],
  [494, "AddReferencesRequest", "config"],
  [500, "DeleteNodesRequest", "config"],
  [506, "DeleteReferencesRequest", "config"],
  [527, "BrowseRequest", "discovery"],
  [533, "BrowseNextRequest", "discovery"],
  [554, "TranslateBrowsePathsToNodeIdsRequest", "discovery"],
  [560, "RegisterNodesRequest", "read"],
  [566, "UnregisterNodesRequest", "read"],
  [615, "QueryFirstRequest", "read"],
  [621, "QueryNextRequest", "read"],
  [631, "ReadRequest", "read"],
  [664, "HistoryReadRequest", "read"],
  [673, "WriteRequest", "write"],
  [700, "HistoryUpdateRequest", "write"],
  [712, "CallRequest", "control"],
  [751, "CreateMonitoredItemsRequest", "read"],
  [763, "ModifyMonitoredItemsRequest", "read"],
  [769, "SetMonitoringModeRequest", "read"],
  [775, "SetTriggeringRequest", "read"],
  [781, "DeleteMonitoredItemsRequest", "read"],
  [787, "CreateSubscriptionRequest", "read"],
  [793, "ModifySubscriptionRequest", "read"],
  [799, "SetPublishingModeRequest", "read"],
  [826, "PublishRequest", "read"],
  [832, "RepublishRequest", "read"],
  [841, "TransferSubscriptionsRequest", "read"],
  [847, "DeleteSubscriptionsRequest", "read"],
  [12208, "RegisterServer2Request", "config"],
  [15901, "GetEndpointsWithFilterRequest", "discovery"],
];

export const opcuaServices = defineTable(
  "opcua",
  "OPC UA Part 4 (services) + Part 6 NodeIds",
  serviceRows.map(([code, name, action]) => [code, name.replace(/Request$/, ""), action, name] as const),
);

// OPC UA connection protocol message types (Part 6 §7.1.2): HEL/ACK/ERR/RHE carry no service.
export const opcuaMessageTypes = defineTable("opcua", "OPC UA Part 6 §7.1.2 message types", [
  [null, "HEL", "other", "HELLO"],
  [null, "ACK", "other", "ACKNOWLEDGE"],
  [null, "ERR", "other", "ERROR"],
  [null, "RHE", "other", "REVERSE_HELLO"],
  [null, "OPN", "auth", "OPEN_SECURE_CHANNEL"],
  [null, "CLO", "auth", "CLOSE_SECURE_CHANNEL"],
]);
