/* Generated from services/volumes-api/openapi.json by `npm run openapi:export`. Do not edit. */
export interface paths {
    "/api/namespaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Namespaces the caller can work in
         * @description All namespaces for a caller allowed to list namespaces cluster-wide; otherwise those where the caller may list persistentvolumeclaims.
         */
        get: operations["listNamespaces"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/namespaces/{namespace}/pvcs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * PVCs of a namespace with status, the notebooks using them and their viewer
         * @description Needs list persistentvolumeclaims, list notebooks and list events (the status comes from them), plus list pvcviewers when the PVCViewer API exists. Served from watch caches (PVCs, Notebooks, PVCViewers, PersistentVolumeClaim events) and rebuilt only when one of them changes; answers carry an ETag (304 on If-None-Match).
         */
        get: operations["listPvcs"];
        put?: never;
        /**
         * Create a PVC from the Volumes form
         * @description Validates name (DNS-1123), size (positive quantity), mode, class ("{none}", "{empty}" or an existing class) and labels, answering 400 with one detail per problem and creating nothing. `type: "snapshot"` with `snapshot` restores a VolumeSnapshot (dataSource) when the snapshot.storage.k8s.io API exists (else 400) and needs get volumesnapshots. Answers 200 like upstream.
         */
        post: operations["createPvc"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/namespaces/{namespace}/pvcs/{pvc}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One PVC, as the API server holds it */
        get: operations["getPvc"];
        put?: never;
        post?: never;
        /**
         * Delete a PVC that nothing uses, with its viewer
         * @description 409 "Cannot delete PVC '<pvc>' because it is being used by pods: [...]" (and/or notebooks: [...]) while a pod other than the PVC's own viewer mounts it (pods that have finished, Succeeded or Failed, do not count) or any Notebook, running or stopped, references it; `details` lists each user. Viewer pods are recognised by the PVCViewer controller's owner references and labels together with the PVCViewer object, never by a generic label. The PVC's viewer is deleted first (needs delete pvcviewers). Usage is read fresh from the API server (not the caches) so a just-created notebook cannot slip through. Needs list pods, list notebooks and delete persistentvolumeclaims, plus list pvcviewers when the PVCViewer API exists. Without that API viewer pods cannot be told apart and count as users.
         */
        delete: operations["deletePvc"];
        options?: never;
        head?: never;
        /**
         * Expand a PVC (new, additive)
         * @description Sets spec.resources.requests.storage. Allowed only when the PVC's storage class has allowVolumeExpansion: true (else 400), for a bound PVC (else 409), and never smaller than the current request (400). The same size changes nothing (`changed: false`). While the expansion is pending the list shows status waiting (state ResizeRequested until a resizer acts, then its condition Resizing or FileSystemResizePending, or the allocatedResourceStatuses value); a failed expansion shows warning (ControllerResizeError / NodeResizeError conditions, a VolumeResizeFailed event).
         */
        patch: operations["resizePvc"];
        trace?: never;
    };
    "/api/namespaces/{namespace}/pvcs/{pvc}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Events about the PVC, newest first
         * @description From one watch cache of events with involvedObject.kind=PersistentVolumeClaim; when the PVC exists, only events about this PVC (same uid), not an earlier one of the same name.
         */
        get: operations["listPvcEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/namespaces/{namespace}/pvcs/{pvc}/pods": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Pods that mount the PVC
         * @description From the pod watch cache; an unknown PVC has no pods (empty list), as upstream.
         */
        get: operations["listPvcPods"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/namespaces/{namespace}/viewers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a file browser (PVCViewer) on a PVC
         * @description The PVCViewer is named after the PVC; its spec comes from the viewer spec template (VIEWER_SPEC_PATH, else the bundled filebrowser default) with only $PVC_NAME, $NAME, $NAMESPACE, $VIEWER_IMAGE / $VOLUME_VIEWER_IMAGE, $BASE_PREFIX and $BASE_URL substituted. Needs create pvcviewers and get persistentvolumeclaims on the PVC (the viewer exposes its data); 404 when the PVC does not exist, 409 when it is being deleted or already has a viewer; 501 when the cluster has no PVCViewer API.
         */
        post: operations["createViewer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/namespaces/{namespace}/viewers/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Stop a PVC viewer (foreground deletion)
         * @description 404 when there is no such viewer; 501 when the cluster has no PVCViewer API.
         */
        delete: operations["deleteViewer"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/storageclasses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Names of the storage classes in the cluster */
        get: operations["listStorageClasses"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/storageclasses/default": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The default storage class, or "" when there is none */
        get: operations["getDefaultStorageClass"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz/liveness": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process is up */
        get: operations["getLiveness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz/readiness": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the API server is reachable and every watch cache has synced */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Every error, in the Kubeflow web apps' envelope. */
        ErrorEnvelope: {
            /** @description Stable machine-readable error code. */
            code: string;
            details?: components["schemas"]["FieldError"][];
            /** @description A message a person can act on. */
            log: string;
            requestId: string;
            /** @description The HTTP status code, repeated for the SPAs. */
            status: number;
            /** @enum {boolean} */
            success: false;
            user: string | null;
        };
        FieldError: {
            /** @description Where the problem is, e.g. /body/cpu */
            field: string;
            message: string;
        };
        Health: {
            checks?: {
                /** @description The Kubernetes API server answered /readyz */
                apiServer: boolean;
                caches: {
                    [key: string]: {
                        live: boolean;
                        objects: number;
                        synced: boolean;
                    };
                };
            };
            status: "ok" | "unavailable";
        };
        PvcSummary: {
            /** @description creationTimestamp (ISO-8601) */
            age: string;
            /** @description status.capacity.storage, else the requested size */
            capacity: string;
            /** @description storageClassName; null when unset */
            class: string | null;
            modes: string[];
            name: string;
            namespace: string;
            /** @description Notebooks whose pod template mounts this PVC, running or stopped */
            notebooks: string[];
            status: components["schemas"]["VolumeStatus"];
            viewer: {
                /** @description uninitialized when there is no viewer (or the PVCViewer API is absent) */
                status: "uninitialized" | "terminating" | "ready" | "waiting";
                /** @description The viewer's status.url */
                url: string | null;
            };
        };
        /** @description Status as the Volumes web app shows it */
        VolumeStatus: {
            message: string;
            phase: "ready" | "waiting" | "warning" | "error" | "uninitialized" | "unavailable" | "terminating" | "stopped";
            /** @description The reason behind the phase: the newest event reason while unbound; for an expansion ResizeRequested, Resizing, FileSystemResizePending (or an allocatedResourceStatuses value) while pending and ControllerResizeError, NodeResizeError or the failure event reason when it failed */
            state: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listNamespaces: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        namespaces: string[];
                        status: number;
                        /** @enum {boolean} */
                        success: true;
                        user: string | null;
                    };
                };
            };
        };
    };
    listPvcs: {
        parameters: {
            query?: {
                /** @description Follow the list as Server-Sent Events (text/event-stream): a `snapshot` event with the whole list, then `added`, `modified` and `deleted` events with the same summaries (`modified` also when something a summary is made from changes, such as its pod, its events or the notebooks using a volume); access is re-checked periodically and an `error` event ends the stream when it is revoked. */
                watch?: boolean;
            };
            header?: {
                /** @description The ETag of an earlier answer: a 304 without a body while it is still current. */
                "if-none-match"?: string;
            };
            path: {
                /** @description Namespace (DNS-1123 label) */
                namespace: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The list as JSON; with ?watch=true, a stream of Server-Sent Events. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        pvcs: components["schemas"]["PvcSummary"][];
                        status: number;
                        /** @enum {boolean} */
                        success: true;
                        user: string | null;
                    };
                    "text/event-stream": string;
                };
            };
            /** @description Not Modified: nothing changed since the ETag sent in If-None-Match. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    createPvc: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Namespace (DNS-1123 label) */
                namespace: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Annotations as older Volumes SPAs send them */
                    annotations?: {
                        key: string;
                        value: string;
                    }[];
                    /** @description A storage class name, "{none}" for no class (storageClassName ""), or "{empty}" for the default class (storageClassName left out) */
                    class: string;
                    /** @description Labels for the PVC (additive) */
                    labels?: {
                        [key: string]: string;
                    };
                    /** @description Access mode: ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod */
                    mode: string;
                    /** @description PVC name (DNS-1123) */
                    name: string;
                    /** @description Ignored unless it differs from the path namespace (then 400) */
                    namespace?: string;
                    /** @description A positive Kubernetes quantity, e.g. 10Gi */
                    size: string | number;
                    /** @description VolumeSnapshot to restore from (dataSource). Only when the snapshot.storage.k8s.io API is served; needs get volumesnapshots. */
                    snapshot?: string;
                    /** @description "empty" (default) or "snapshot" (needs `snapshot`) */
                    type?: string;
                };
            };
        };
        responses: {
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        message: string;
                        /** @description A Kubernetes object, as the API server returns it */
                        pvc: {
                            apiVersion?: string;
                            kind?: string;
                            metadata?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                        status: number;
                        /** @enum {boolean} */
                        success: true;
                        user: string | null;
                    };
                };
            };
        };
    };
    getPvc: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Namespace (DNS-1123 label) */
                namespace: string;
                /** @description Object name (DNS-1123 subdomain) */
                pvc: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A Kubernetes object, as the API server returns it */
                        pvc: {
                            apiVersion?: string;
                            kind?: string;
                            metadata?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                        status: number;
                        /** @enum {boolean} */
                        success: true;
                        user: string | null;
                    };
                };
            };
        };
    };
    deletePvc: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Namespace (DNS-1123 label) */
                namespace: string;
                /** @description Object name (DNS-1123 subdomain) */
                pvc: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        message: string;
                        status: number;
                        /** @enum {boolean} */
                        success: true;
                        user: string | null;
                        /** @description PVCViewers deleted with the PVC */
                        viewersDeleted: string[];
                    };
                };
            };
        };
    };
    resizePvc: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Namespace (DNS-1123 label) */
                namespace: string;
                /** @description Object name (DNS-1123 subdomain) */
                pvc: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The new size (a Kubernetes quantity), not smaller than the current one */
                    size: string;
                };
            };
        };
        responses: {
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        changed: boolean;
                        message: string;
                        /** @description A Kubernetes object, as the API server returns it */
                        pvc: {
                            apiVersion?: string;
                            kind?: string;
                            metadata?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                        status: number;
                        /** @enum {boolean} */
                        success: true;
                        user: string | null;
                    };
                };
            };
        };
    };
    listPvcEvents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Namespace (DNS-1123 label) */
                namespace: string;
                /** @description Object name (DNS-1123 subdomain) */
                pvc: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        events: ({
                            apiVersion?: string;
                            kind?: string;
                            metadata?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        })[];
                        status: number;
                        /** @enum {boolean} */
                        success: true;
                        user: string | null;
                    };
                };
            };
        };
    };
    listPvcPods: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Namespace (DNS-1123 label) */
                namespace: string;
                /** @description Object name (DNS-1123 subdomain) */
                pvc: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        pods: ({
                            apiVersion?: string;
                            kind?: string;
                            metadata?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        })[];
                        status: number;
                        /** @enum {boolean} */
                        success: true;
                        user: string | null;
                    };
                };
            };
        };
    };
    createViewer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Namespace (DNS-1123 label) */
                namespace: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The PVC to browse; the viewer is named after it */
                    name: string;
                };
            };
        };
        responses: {
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        message: string;
                        status: number;
                        /** @enum {boolean} */
                        success: true;
                        user: string | null;
                        /** @description A Kubernetes object, as the API server returns it */
                        viewer: {
                            apiVersion?: string;
                            kind?: string;
                            metadata?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    deleteViewer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Object name (DNS-1123 subdomain) */
                name: string;
                /** @description Namespace (DNS-1123 label) */
                namespace: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        message: string;
                        status: number;
                        /** @enum {boolean} */
                        success: true;
                        user: string | null;
                    };
                };
            };
        };
    };
    listStorageClasses: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: number;
                        storageClasses: string[];
                        /** @enum {boolean} */
                        success: true;
                        user: string | null;
                    };
                };
            };
        };
    };
    getDefaultStorageClass: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        defaultStorageClass: string;
                        status: number;
                        /** @enum {boolean} */
                        success: true;
                        user: string | null;
                    };
                };
            };
        };
    };
    getLiveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
}
