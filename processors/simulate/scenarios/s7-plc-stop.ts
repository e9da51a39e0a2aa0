// An engineering workstation sends S7comm "PLC Stop" (function 0x29) to a Siemens PLC outside the
// maintenance window (conduit c-ews-eng allows engineering only in mw-weekly), from a script rather than the
// vendor tool. Stopping the CPU is ATT&CK for ICS T0858 Change Operating Mode / T0881 Service Stop; CISA's
// ICSNPP S7comm parser logs it as function_name "PLC Stop".
import { systemProcess } from "../emitter.ts";
import { connClosed, s7Exchange, s7Functions, tcpSummary } from "../ics.ts";
import type { Scenario } from "./scenario.ts";
import { entitiesOf, icsConnect, launch } from "./steps.ts";

export const s7PlcStop: Scenario = {
  name: "s7-plc-stop",
  title: "S7 PLC Stop from an engineering workstation outside the maintenance window",
  references: [
    "CISA ICSNPP S7comm parser, scripts/consts.zeek (PLC Stop 0x29)",
    "MITRE ATT&CK for ICS T0858 Change Operating Mode, T0881 Service Stop",
    "CISA AA22-103A (PIPEDREAM/INCONTROLLER): scripted engineering-protocol commands from an EWS",
  ],
  techniques: ["T0807", "T0858", "T0881", "T0816"],
  requiredTechniques: ["T0858"],
  expectedRules: ["GW-0301"],
  inject(e, t0, chain) {
    const workstations = e.plant.byRole("engineering_workstation");
    const ews = workstations[workstations.length - 1]!;
    const plc = e.plant.byRole("plc").find((p) => p.protocols[0] === "s7comm")!;
    const user = e.user(ews, "bob.adm", "OT");
    const tool = launch(
      e,
      chain,
      ews,
      t0,
      systemProcess("explorer"),
      "C:\\Users\\Public\\Python311\\python.exe",
      `python.exe C:\\ProgramData\\s7\\plc_ctl.py --stop ${plc.ip}`,
      user,
    );
    const c = icsConnect(e, chain, ews, tool, user, plc, 102, t0 + 800);
    s7Exchange(e, t0 + 1_000, c, s7Functions.setup, 0, { chain });
    s7Exchange(e, t0 + 1_400, c, s7Functions.stop, 1, { chain });
    connClosed(e, t0 + 800, c, tcpSummary("s7comm", 1_000, 2, 33, 27), { chain });
    return {
      entities: entitiesOf([ews, plc], [user.name]),
      lastEventAt: t0 + 1_400,
      detectableAt: t0 + 1_400,
      endedAt: t0 + 1_800,
    };
  },
};
