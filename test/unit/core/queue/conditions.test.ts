import { describe, expect, it } from 'vitest';
import { parseConditions, unmetCondition, type PowerReading } from '../../../../src-main/core/queue/conditions';

const laptop = (reading: Partial<PowerReading>): PowerReading => ({
  onAcPower: true,
  batteryPercent: 80,
  idleSeconds: 0,
  ...reading,
});

describe('run conditions', () => {
  it('holds a run that wants AC power while on battery, and lets it start on AC', () => {
    expect(unmetCondition({ acPower: true }, laptop({ onAcPower: false }))).toBe('Waiting for AC power');
    expect(unmetCondition({ acPower: true }, laptop({ onAcPower: true }))).toBeNull();
    expect(unmetCondition({ acPower: false }, laptop({ onAcPower: false }))).toBeNull();
  });

  it('holds a run on a battery below the minimum, but not on AC power however low the charge', () => {
    expect(unmetCondition({ minBatteryPercent: 30 }, laptop({ onAcPower: false, batteryPercent: 12 }))).toBe(
      'Waiting for the battery to reach 30 % (now 12 %) or for AC power',
    );
    expect(unmetCondition({ minBatteryPercent: 30 }, laptop({ onAcPower: false, batteryPercent: 30 }))).toBeNull();
    expect(unmetCondition({ minBatteryPercent: 30 }, laptop({ onAcPower: true, batteryPercent: 5 }))).toBeNull();
  });

  it('holds a run until the user has been idle for the minutes asked', () => {
    expect(unmetCondition({ idleMinutes: 10 }, laptop({ idleSeconds: 599 }))).toBe(
      'Waiting until the computer has been idle for 10 minutes',
    );
    expect(unmetCondition({ idleMinutes: 1 }, laptop({ idleSeconds: 30 }))).toBe(
      'Waiting until the computer has been idle for 1 minute',
    );
    expect(unmetCondition({ idleMinutes: 10 }, laptop({ idleSeconds: 600 }))).toBeNull();
  });

  it('names the first unmet condition when several are not met', () => {
    const reading = laptop({ onAcPower: false, batteryPercent: 10, idleSeconds: 0 });
    expect(unmetCondition({ acPower: true, minBatteryPercent: 50, idleMinutes: 5 }, reading)).toBe(
      'Waiting for AC power',
    );
  });

  it('does not hold a run forever on a reading the host cannot make', () => {
    const unknown: PowerReading = { onAcPower: undefined, batteryPercent: undefined, idleSeconds: undefined };
    expect(unmetCondition({ acPower: true, minBatteryPercent: 50, idleMinutes: 5 }, unknown)).toBeNull();
  });

  it('reads stored conditions back, leaving out fields of the wrong type', () => {
    expect(parseConditions('{"acPower":true,"idleMinutes":5,"minBatteryPercent":40}')).toEqual({
      acPower: true,
      idleMinutes: 5,
      minBatteryPercent: 40,
    });
    expect(parseConditions('{"acPower":"yes","idleMinutes":5}')).toEqual({ idleMinutes: 5 });
    expect(parseConditions('not json')).toEqual({});
  });
});
