// The SCADA server sends DNP3 COLD_RESTART (function code 0x0D) to an RTU: a function conduit c-hmi-poll
// denies, launched by a tool the SCADA software never runs. Device restarts are Industroyer's and
// Industroyer2's repertoire (ESET 2017, 2022; MITRE S0604, S1072) and T0816 Device Restart/Shutdown.
import { systemProcess } from "../emitter.ts";
import { connClosed, dnp3Exchange, tcpSummary } from "../ics.ts";
import type { Scenario } from "./scenario.ts";
import { entitiesOf, icsConnect, launch } from "./steps.ts";

export const dnp3ColdRestart: Scenario = {
  name: "dnp3-cold-restart",
  title: "DNP3 cold restart of an RTU from the SCADA server (denied function)",
  references: [
    "ESET, Industroyer: Biggest threat to industrial control systems since Stuxnet (2017)",
    "MITRE ATT&CK for ICS S0604 Industroyer, T0816 Device Restart/Shutdown",
    "Zeek DNP3 analyzer consts (COLD_RESTART = 0x0d)",
  ],
  techniques: ["T0807", "T0855", "T0816"],
  requiredTechniques: ["T0816"],
  expectedRules: ["GW-0304"],
  inject(e, t0, chain) {
    const scada = e.plant.get("scada01");
    const rtu = e.plant.byRole("rtu")[0]!;
    const user = e.user(scada, "svc_scada", "OT");
    const cmd = launch(
      e,
      chain,
      scada,
      t0,
      systemProcess("services"),
      "C:\\Windows\\System32\\cmd.exe",
      "cmd.exe /c C:\\ProgramData\\dnp\\dnp3ctl.exe --outstation 10 --cold-restart",
      user,
    );
    const tool = launch(
      e,
      chain,
      scada,
      t0 + 500,
      cmd,
      "C:\\ProgramData\\dnp\\dnp3ctl.exe",
      `C:\\ProgramData\\dnp\\dnp3ctl.exe --host ${rtu.ip} --outstation 10 --cold-restart`,
      user,
    );
    const c = icsConnect(e, chain, scada, tool, user, rtu, 20000, t0 + 1_000);
    dnp3Exchange(e, t0 + 1_200, c, "COLD_RESTART", { chain });
    connClosed(e, t0 + 1_000, c, tcpSummary("dnp3", 600, 1, 17, 15), { chain });
    return {
      entities: entitiesOf([scada, rtu], [user.name]),
      lastEventAt: t0 + 1_212,
      detectableAt: t0 + 1_212,
      endedAt: t0 + 1_600,
    };
  },
};
