// Lighthouse 12's mobile preset ("slow 4G": 150 ms round trips, 1.6 Mbit/s
// down, 750 kbit/s up, CPU 4× slower, a 412 px touch screen), applied
// through the DevTools protocol: the one phone profile of every benchmark.
export const PHONE = {
  latency: 150,
  downloadThroughput: (1638.4 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
  cpuSlowdown: 4,
  viewport: { width: 412, height: 823 },
};

/** Slows the page of `cdp` (a CDP session) to the phone profile. */
export async function throttleToPhone(cdp) {
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: PHONE.latency,
    downloadThroughput: PHONE.downloadThroughput,
    uploadThroughput: PHONE.uploadThroughput,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpuSlowdown });
}
