/* Generated from services/tensorboards-api/openapi.json by `npm run openapi:export`. Do not edit. */
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
         * @description All namespaces for a caller allowed to list namespaces cluster-wide; otherwise those where the caller may list tensorboards.
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
    "/api/namespaces/{namespace}/poddefaults": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** PodDefaults of a namespace, with the label to select each */
        get: operations["listPodDefaults"];
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
        /** Names of the PVCs of a namespace (for pvc:// log paths) */
        get: operations["listPvcNames"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/namespaces/{namespace}/tensorboards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * TensorBoards of a namespace, with their status
         * @description From watch caches, reused until something changes; ETag/304 for polling; ?watch=true streams changes.
         */
        get: operations["listTensorboards"];
        put?: never;
        /**
         * Create a TensorBoard for a log path
         * @description logspath is pvc://<pvc>/<path> (the PVC must exist and the caller may get it; the path may not leave it) or an object-store URL; configurations are labels of PodDefaults in the namespace. Nothing is created when anything is wrong (400 with field details).
         */
        post: operations["createTensorboard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/namespaces/{namespace}/tensorboards/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One TensorBoard with its processed status and its events (newest first) */
        get: operations["getTensorboard"];
        put?: never;
        post?: never;
        /** Delete a TensorBoard (foreground: its Deployment and Service go first) */
        delete: operations["deleteTensorboard"];
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
    "/api/tensorboards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * TensorBoards of every namespace where the caller may list them
         * @description All namespaces for a caller allowed to list TensorBoards cluster-wide; otherwise each namespace holding TensorBoards is checked (SubjectAccessReview, cached).
         */
        get: operations["listTensorboardsInAllNamespaces"];
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
        PodDefault: {
            /** @description spec.desc, else the name */
            desc: string;
            /** @description The label key the PodDefault selects on ("" when it has no matchLabels) */
            label: string;
            metadata?: {
                [key: string]: unknown;
            };
            spec?: {
                [key: string]: unknown;
            };
        } & {
            [key: string]: unknown;
        };
        TensorboardStatus: {
            /** @description What the phase means for this server, for people */
            message: string;
            /** @description ready, waiting, warning, error or terminating */
            phase: "ready" | "waiting" | "warning" | "error" | "terminating";
            /** @description The reason behind a warning or error ("" otherwise) */
            state: string;
        };
        TensorboardSummary: {
            /** @description creationTimestamp (ISO-8601) */
            age: string;
            /** @description pvc://<pvc>/<path> or an object-store URL ("" when the object has none) */
            logspath: string;
            name: string;
            namespace: string;
            status: components["schemas"]["TensorboardStatus"];
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
    listPodDefaults: {
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
                        poddefaults: components["schemas"]["PodDefault"][];
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
    listPvcNames: {
        parameters: {
            query?: never;
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        pvcs: string[];
                        status: number;
                        /** @enum {boolean} */
                        success: true;
                        user: string | null;
                    };
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
    listTensorboards: {
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
                        status: number;
                        /** @enum {boolean} */
                        success: true;
                        tensorboards: components["schemas"]["TensorboardSummary"][];
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
    createTensorboard: {
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
                    /** @description Labels of PodDefaults in the namespace to apply (absent or empty: none) */
                    configurations?: string[];
                    /** @description pvc://<pvc>/<path> (the PVC must exist in the namespace; the path may not leave it) or an object-store URL (gs://, s3:// and the schemes of TENSORBOARD_LOGSPATH_SCHEMES) */
                    logspath: string;
                    /** @description TensorBoard name (DNS-1123 label) */
                    name: string;
                    /** @description Ignored when equal to the path namespace; a different one is a 400. */
                    namespace?: string;
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
                        tensorboard: {
                            metadata?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                        user: string | null;
                    };
                };
            };
        };
    };
    getTensorboard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description TensorBoard name (DNS-1123 label) */
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
                        events: ({
                            metadata?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        })[];
                        status: number;
                        /** @enum {boolean} */
                        success: true;
                        tensorboard: ({
                            metadata?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        }) & {
                            processed_status: components["schemas"]["TensorboardStatus"];
                        };
                        user: string | null;
                    };
                };
            };
        };
    };
    deleteTensorboard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description TensorBoard name (DNS-1123 label) */
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
    listTensorboardsInAllNamespaces: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of an earlier answer: a 304 without a body while it is still current. */
                "if-none-match"?: string;
            };
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
                        /** @enum {boolean} */
                        success: true;
                        tensorboards: components["schemas"]["TensorboardSummary"][];
                        user: string | null;
                    };
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
