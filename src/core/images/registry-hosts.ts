// Which registry service a host belongs to, and how nodes usually get credentials for it:
// the same 401 means "add an imagePullSecret" on Docker Hub and "give the node's IAM role
// ecr:BatchGetImage" on ECR. Data, matched in order.

export interface RegistryService {
  name: string;
  /** How pods on Kubernetes usually authenticate to it. */
  credentials: string;
}

const SERVICES: readonly { host: RegExp; service: RegistryService }[] = [
  {
    host: /^(docker\.io|registry-1\.docker\.io|index\.docker\.io)$/,
    service: {
      name: 'Docker Hub',
      credentials: 'private repositories need an imagePullSecret of type kubernetes.io/dockerconfigjson for https://index.docker.io/v1/',
    },
  },
  {
    host: /^\d{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/,
    service: {
      name: 'Amazon ECR',
      credentials: "nodes pull with their instance role (ecr:GetAuthorizationToken, ecr:BatchGetImage, ecr:GetDownloadUrlForLayer) or the kubelet credential provider; ECR tokens in a pull secret expire after 12 hours",
    },
  },
  { host: /^public\.ecr\.aws$/, service: { name: 'Amazon ECR Public', credentials: 'anonymous pulls work but are rate limited; authenticated pulls get higher limits' } },
  {
    host: /^([a-z0-9-]+-docker\.pkg\.dev)$/,
    service: { name: 'Google Artifact Registry', credentials: "the node's service account (or Workload Identity) needs roles/artifactregistry.reader on the repository" },
  },
  {
    host: /^((eu|us|asia)\.)?gcr\.io$/,
    service: { name: 'Google Container Registry', credentials: "the node's service account needs read access to the registry's storage bucket (or Artifact Registry reader after migration)" },
  },
  {
    host: /^[a-z0-9]+\.azurecr\.(io|cn|us)$/,
    service: { name: 'Azure Container Registry', credentials: "the cluster's kubelet identity needs the AcrPull role (az aks update --attach-acr) or the pod needs an imagePullSecret" },
  },
  { host: /^ghcr\.io$/, service: { name: 'GitHub Container Registry', credentials: 'private packages need an imagePullSecret with a token that has read:packages' } },
  { host: /^quay\.io$/, service: { name: 'Quay.io', credentials: 'private repositories need an imagePullSecret with a robot account that has read access' } },
  { host: /^registry\.gitlab\.com$/, service: { name: 'GitLab Container Registry', credentials: 'private projects need an imagePullSecret with a deploy token that has read_registry' } },
  { host: /^(registry\.k8s\.io|k8s\.gcr\.io)$/, service: { name: 'the Kubernetes community registry', credentials: 'public: no credentials are needed (k8s.gcr.io is frozen; use registry.k8s.io)' } },
];

/** The registry service for a host, when it is a well-known one. */
export function registryService(host: string): RegistryService | undefined {
  const lower = host.toLowerCase();
  return SERVICES.find((entry) => entry.host.test(lower))?.service;
}

// OpenShift's service account token controller gives every service account a pull secret named
// "<account>-dockercfg-<5 random characters>" for the cluster's integrated registry, and the
// ServiceAccount admission plugin copies it into every pod. It holds credentials for that
// registry only: a pod pulling from Docker Hub with nothing else pulls anonymously.
const INTEGRATED_REGISTRY = /^(image-registry\.openshift-image-registry|docker-registry\.default)\.svc(\.cluster\.local)?(:\d+)?$/;

/** The secret is OpenShift's generated token for its integrated registry, of this service account. */
export function isIntegratedRegistryToken(secret: string, serviceAccount: string): boolean {
  return secret.startsWith(`${serviceAccount}-dockercfg-`) && /^[a-z0-9]{5}$/.test(secret.slice(serviceAccount.length + '-dockercfg-'.length));
}

/** The host is OpenShift's integrated registry (4.x, or 3.x's docker-registry.default). */
export function isIntegratedRegistry(host: string): boolean {
  return INTEGRATED_REGISTRY.test(host.toLowerCase());
}
