export interface Config {
  kubemate?: {
    /**
     * Approved container images: the registries and repositories the "New application"
     * template's image picker (`ui:field: KubemateImagePicker`) offers, and the only images
     * Kubemate's template apply accepts. See docs/admin-guide.md#approved-images.
     * @visibility frontend
     */
    images?: Array<{
      /**
       * Registry host, optionally with a port, e.g. `ghcr.io` (`docker.io` for Docker Hub).
       * @visibility frontend
       */
      registry: string;
      /**
       * Repository in the registry, e.g. `kubemate/hello` (`library/nginx` on Docker Hub).
       * @visibility frontend
       */
      repository: string;
      /**
       * What the picker shows; `registry/repository` when omitted.
       * @visibility frontend
       */
      title?: string;
      /**
       * The only tags allowed, offered by the picker; any tag or digest when omitted.
       * @visibility frontend
       */
      tags?: string[];
    }>;
  };
}
