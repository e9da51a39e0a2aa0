// A corporate (Level 4) workstation talks Modbus/TCP straight to a Level 1 PLC: no conduit allows it and it
// skips the DMZ. The pattern behind FrostyGoop's and the Unitronics campaign's direct controller access
// (Dragos 2024; CISA AA23-335A), run here from an ordinary IT host with a Modbus polling tool.
import { systemProcess } from "../emitter.ts";
import { connClosed, modbusExchange, modbusRead, tcpSummary } from "../ics.ts";
import type { Scenario } from "./scenario.ts";
import { entitiesOf, icsConnect, launch } from "./steps.ts";

export const itToPlcConduitViolation: Scenario = {
  name: "it-to-plc-conduit-violation",
  title: "Corporate workstation writes Modbus straight to a PLC (no conduit)",
  references: [
    "Dragos, FrostyGoop ICS Malware (2024)",
    "CISA AA23-335A, IRGC-affiliated actors exploit PLCs in multiple sectors (Unitronics)",
    "IEC 62443-3-2 zones and conduits",
  ],
  techniques: ["T0869", "T0801", "T0855", "T0836"],
  requiredTechniques: ["T0886"],
  expectedRules: ["GW-0201", "GW-0101"],
  inject(e, t0, chain) {
    const workstations = e.plant.byRole("it_workstation");
    const host =
      workstations.find((w, i) => i > 3 && w.edr?.format === "crowdstrike") ?? workstations[workstations.length - 1]!;
    const modbusPlcs = e.plant.byRole("plc").filter((p) => p.protocols[0] === "modbus");
    const plc = modbusPlcs[modbusPlcs.length - 1]!;
    const user = e.user(host);
    const tool = launch(
      e,
      chain,
      host,
      t0,
      systemProcess("explorer"),
      `C:\\Users\\${user.name}\\Downloads\\mbpoll.exe`,
      `mbpoll.exe -m tcp -a 1 -r 1 -c 10 -t 4 ${plc.ip}`,
      user,
    );
    const c = icsConnect(e, chain, host, tool, user, plc, 502, t0 + 1_000);
    for (let i = 0; i < 3; i++) modbusRead(e, t0 + 1_200 + i * 1_000, c, i + 1, 1, i * 10, 10, { chain });
    const write = launch(
      e,
      chain,
      host,
      t0 + 30_000,
      systemProcess("explorer"),
      `C:\\Users\\${user.name}\\Downloads\\mbpoll.exe`,
      `mbpoll.exe -m tcp -a 1 -r 101 -t 4 ${plc.ip} 0`,
      user,
    );
    const w = icsConnect(e, chain, host, write, user, plc, 502, t0 + 30_500);
    modbusExchange(
      e,
      t0 + 30_700,
      w,
      { tid: 1, unit: 1, func: "WRITE_SINGLE_REGISTER", address: 100, quantity: 1, requestValues: [0] },
      { chain },
    );
    modbusExchange(
      e,
      t0 + 31_700,
      w,
      { tid: 2, unit: 1, func: "WRITE_SINGLE_REGISTER", address: 101, quantity: 1, requestValues: [0] },
      { chain },
    );
    connClosed(e, t0 + 1_000, c, tcpSummary("modbus", 3_500, 3), { chain });
    connClosed(e, t0 + 30_500, w, tcpSummary("modbus", 1_600, 2), { chain });
    return {
      entities: entitiesOf([host, plc], [user.name]),
      lastEventAt: t0 + 31_700,
      detectableAt: t0 + 1_200,
      endedAt: t0 + 32_100,
    };
  },
};
