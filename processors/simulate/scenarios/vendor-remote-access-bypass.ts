// A vendor connects from the remote-access VPN pool straight to an HMI over RDP, skipping the remote-access
// broker that conduit c-remote-scada requires (NERC CIP-005-7 R2 Intermediate System), then changes a
// setpoint from the HMI. Oldsmar 2021 (remote session on an HMI raising a chemical setpoint; CISA AA21-042A)
// and Colonial Pipeline's MFA-less VPN account are the public lessons.
import { systemProcess } from "../emitter.ts";
import { connClosed, modbusExchange, tcpSummary } from "../ics.ts";
import type { Scenario } from "./scenario.ts";
import { entitiesOf, icsConnect, launch, rdpHop } from "./steps.ts";

export const vendorRemoteAccessBypass: Scenario = {
  name: "vendor-remote-access-bypass",
  title: "Vendor RDP from the VPN pool to an HMI, bypassing the remote-access broker",
  references: [
    "NERC CIP-005-7 R2 Interactive Remote Access through an Intermediate System",
    "CISA AA21-042A, Compromise of U.S. Water Treatment Facility (Oldsmar)",
    "MITRE ATT&CK for ICS T0822 External Remote Services",
  ],
  techniques: ["T0822", "T0886", "T0859", "T0836", "T0855"],
  requiredTechniques: ["T0822", "T0886"],
  expectedRules: ["GW-0202"],
  inject(e, t0, chain) {
    const vendorLaptop = { ip: "10.31.0.57", name: "ACME-LT-07" };
    const hmis = e.plant.byRole("hmi");
    const hmi = hmis[hmis.length - 1]!;
    const modbusPlcs = e.plant.byRole("plc").filter((p) => p.protocols[0] === "modbus");
    const plc = modbusPlcs[1] ?? modbusPlcs[0]!;
    const vendor = e.user(hmi, "acme01", "RAB");
    const hop = rdpHop(e, chain, vendorLaptop, hmi, t0, vendor, 600_000);
    const view = launch(
      e,
      chain,
      hmi,
      hop.arrivedAt + 30_000,
      systemProcess("explorer"),
      "C:\\Program Files (x86)\\Wonderware\\InTouch\\view.exe",
      '"C:\\Program Files (x86)\\Wonderware\\InTouch\\view.exe" /operator',
      vendor,
    );
    const writeAt = hop.arrivedAt + 120_000;
    const c = icsConnect(e, chain, hmi, view, vendor, plc, 502, writeAt - 300);
    modbusExchange(
      e,
      writeAt,
      c,
      { tid: 1, unit: 1, func: "WRITE_SINGLE_REGISTER", address: 104, quantity: 1, requestValues: [11100] },
      { chain },
    );
    connClosed(e, writeAt - 300, c, tcpSummary("modbus", 500, 1), { chain });
    return {
      entities: entitiesOf([vendorLaptop, hmi, plc], [vendor.name]),
      lastEventAt: writeAt,
      detectableAt: hop.arrivedAt,
      endedAt: writeAt + 200,
    };
  },
};
