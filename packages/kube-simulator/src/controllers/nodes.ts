import { ObjectService } from '../api/objects';
import { now } from '../util/objects';

export function nodeName(i: number): string {
  return `sim-node-${i + 1}`;
}

/** A few believable worker nodes with capacity, conditions and nodeInfo. */
export function createNodes(o: ObjectService, count: number) {
  const def = o.registry.lookup('', 'v1', 'nodes')!;
  const ts = now();
  for (let i = 0; i < count; i++) {
    const name = nodeName(i);
    if (o.store.get('/nodes', undefined, name)) continue;
    const cond = (
      type: string,
      status: string,
      reason: string,
      message: string,
    ) => ({
      type,
      status,
      lastHeartbeatTime: ts,
      lastTransitionTime: ts,
      reason,
      message,
    });
    o.create(
      def,
      undefined,
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          name,
          labels: {
            'beta.kubernetes.io/arch': 'amd64',
            'beta.kubernetes.io/os': 'linux',
            'kubernetes.io/arch': 'amd64',
            'kubernetes.io/hostname': name,
            'kubernetes.io/os': 'linux',
            'topology.kubernetes.io/zone': `zone-${String.fromCharCode(
              97 + (i % 3),
            )}`,
            ...(i === 0 ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
          },
          annotations: {
            'node.alpha.kubernetes.io/ttl': '0',
            'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
          },
        },
        spec: { podCIDR: `10.244.${i}.0/24`, podCIDRs: [`10.244.${i}.0/24`] },
        status: {
          capacity: {
            cpu: '8',
            'ephemeral-storage': '102687672Ki',
            'hugepages-2Mi': '0',
            memory: '32863596Ki',
            pods: '110',
          },
          allocatable: {
            cpu: '7800m',
            'ephemeral-storage': '94636958627',
            'hugepages-2Mi': '0',
            memory: '32249196Ki',
            pods: '110',
          },
          conditions: [
            cond(
              'MemoryPressure',
              'False',
              'KubeletHasSufficientMemory',
              'kubelet has sufficient memory available',
            ),
            cond(
              'DiskPressure',
              'False',
              'KubeletHasNoDiskPressure',
              'kubelet has no disk pressure',
            ),
            cond(
              'PIDPressure',
              'False',
              'KubeletHasSufficientPID',
              'kubelet has sufficient PID available',
            ),
            cond(
              'Ready',
              'True',
              'KubeletReady',
              'kubelet is posting ready status',
            ),
          ],
          addresses: [
            { type: 'InternalIP', address: `172.18.0.${i + 2}` },
            { type: 'Hostname', address: name },
          ],
          daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
          nodeInfo: {
            machineID: `${(i + 1).toString(16).padStart(32, 'a')}`,
            systemUUID: `${(i + 1)
              .toString(16)
              .padStart(8, '0')}-0000-4000-8000-000000000000`,
            bootID: `${(i + 7)
              .toString(16)
              .padStart(8, '0')}-1111-4000-8000-000000000000`,
            kernelVersion: '6.1.0-28-amd64',
            osImage: 'Debian GNU/Linux 12 (bookworm)',
            containerRuntimeVersion: 'containerd://1.7.24',
            kubeletVersion: 'v1.32.0',
            kubeProxyVersion: 'v1.32.0',
            operatingSystem: 'linux',
            architecture: 'amd64',
          },
          images: [],
        },
      },
      { manager: 'kubelet', keepStatus: true },
    );
  }
}
