/**
 * What shape of answer the client asked for in its Accept header, in the client's order of
 * preference: a meta.k8s.io Table (kubectl get), partial object metadata (metadata-only
 * clients), or the plain object or list. Protobuf and the aggregated discovery document are
 * not spoken here; clients that offer them also offer JSON and fall back to it.
 */
export type Wanted =
  | { as: 'Table'; version: string }
  | { as: 'PartialObjectMetadata'; version: string }
  | { as: 'plain' }
  | { as: 'unacceptable' };

const META_VERSIONS = new Set(['v1', 'v1beta1']);

export function negotiate(accept: string | undefined): Wanted {
  if (!accept?.trim()) return { as: 'plain' };
  for (const entry of accept.split(',')) {
    const [mediaType = '', ...rawParams] = entry.split(';').map((part) => part.trim());
    const params = Object.fromEntries(rawParams.map((param) => param.split('=').map((x) => x.trim()) as [string, string]));
    if (!['application/json', 'application/*', '*/*'].includes(mediaType.toLowerCase())) continue;
    if (!params.as) return { as: 'plain' };
    if (params.g !== 'meta.k8s.io' || !META_VERSIONS.has(params.v ?? '')) continue;
    if (params.as === 'Table') return { as: 'Table', version: params.v! };
    if (params.as === 'PartialObjectMetadata' || params.as === 'PartialObjectMetadataList') return { as: 'PartialObjectMetadata', version: params.v! };
  }
  return { as: 'unacceptable' };
}
