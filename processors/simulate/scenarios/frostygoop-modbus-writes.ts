// FrostyGoop (Dragos, July 2024; MITRE S1165/C0041): the attacker reached a host next to the heating
// controllers through an exposed edge device and an L2TP tunnel, ran a Go Modbus tool driven by a JSON task
// file, read holding registers and then wrote them on several ENCO controllers. Here: L2TP from the internet
// to a Level 3 utility server, then a burst of WRITE_MULTIPLE_REGISTERS to every reachable Modbus PLC.
import { systemProcess } from "../emitter.ts";
import { connClosed, modbusExchange, modbusRead, tcpSummary } from "../ics.ts";
import type { Scenario } from "./scenario.ts";
import { entitiesOf, icsConnect, launch } from "./steps.ts";

export const frostygoopModbusWrites: Scenario = {
  name: "frostygoop-modbus-writes",
  title: "FrostyGoop-style Modbus register writes to several controllers from a Level 3 host",
  references: [
    "Dragos, FrostyGoop ICS Malware: Intel Brief (2024)",
    "MITRE ATT&CK for ICS S1165 FrostyGoop, C0041 FrostyGoop Incident",
  ],
  techniques: ["T1133", "T0869", "T0801", "T0836", "T0855"],
  requiredTechniques: ["T0836", "T0855"],
  expectedRules: ["GW-0204"],
  inject(e, t0, chain) {
    const host = e.plant.get("ops-util01");
    const attacker = e.plant.plant.external.attacker;
    const tunnel = e.connection(attacker, host, 1701);
    connClosed(
      e,
      t0,
      tunnel,
      { ...tcpSummary(undefined, 600_000, 400, 120, 300), proto: "udp", connState: "SF", history: "Dd" },
      { chain },
    );
    const user = e.user(host, "Administrator", "OPS-UTIL01");
    const cmd = launch(
      e,
      chain,
      host,
      t0 + 60_000,
      systemProcess("services"),
      "C:\\Windows\\System32\\cmd.exe",
      "cmd.exe /c C:\\Users\\Public\\task_test.exe -config C:\\Users\\Public\\task_test.json",
      user,
    );
    const tool = launch(
      e,
      chain,
      host,
      t0 + 61_000,
      cmd,
      "C:\\Users\\Public\\task_test.exe",
      "C:\\Users\\Public\\task_test.exe -config C:\\Users\\Public\\task_test.json",
      user,
    );
    const plcs = e.plant
      .byRole("plc")
      .filter((p) => p.protocols[0] === "modbus")
      .slice(-3);
    let last = t0;
    let burst = 0;
    plcs.forEach((plc, i) => {
      const start = t0 + 62_000 + i * 15_000;
      const c = icsConnect(e, chain, host, tool, user, plc, 502, start);
      modbusRead(e, start + 100, c, 1, 1, 0, 16, { chain });
      // The task file loops: each cycle rewrites the same registers (25 writes in about 12 s per controller).
      for (let w = 0; w < 25; w++) {
        last = start + 500 + w * 480;
        if (i === 0 && w === 19) burst = last;
        modbusExchange(
          e,
          last,
          c,
          {
            tid: 2 + w,
            unit: 1,
            func: "WRITE_MULTIPLE_REGISTERS",
            address: 10 + (w % 4) * 2,
            quantity: 2,
            requestValues: [0, 65535],
          },
          { chain },
        );
      }
      connClosed(e, start, c, tcpSummary("modbus", last - start + 300, 26), { chain });
    });
    return {
      entities: entitiesOf([{ ip: attacker, name: "attacker" }, host, ...plcs], [user.name]),
      lastEventAt: last,
      detectableAt: burst,
      endedAt: last + 300,
    };
  },
};
