/* Generated from services/jupyter-api/openapi.json by `npm run openapi:export`. Do not edit. */
export interface paths {
    "/api/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The spawner form config (spawnerFormDefaults)
         * @description The `spawnerFormDefaults` of the spawner config at SPAWNER_CONFIG_PATH (the mounted ConfigMap), else the bundled default. Reloaded when the file changes.
         */
        get: operations["getSpawnerConfig"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/gpus": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Configured GPU vendors that some node offers
         * @description The configured vendors' limitsKey values found in at least one node's status.capacity (from the node watch cache).
         */
        get: operations["listGpuVendors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/namespaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Namespaces the caller can work in
         * @description All namespaces for a caller allowed to list namespaces cluster-wide; otherwise those where the caller may list notebooks.
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
    "/api/namespaces/{namespace}/notebooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Notebooks of a namespace, with their status
         * @description Served from watch caches (Notebooks, notebook pods, Notebook events) and reused until something changes. Optional phase/q/sort/limit/offset parameters filter, sort and page; without them the whole list comes back. Answers carry a weak ETag; If-None-Match with it gets a 304. `watch=true` answers text/event-stream instead (see the parameter); phase and q filter the stream too (a notebook leaving the filter is sent as `deleted`, one entering it as `added`), while sort, limit and offset with watch=true are a 400.
         */
        get: operations["listNotebooks"];
        put?: never;
        /**
         * Create a notebook server from the spawner form
         * @description Checks every value against the spawner config, then dry-runs the Notebook and new PVCs, creates the PVCs, then the Notebook; if the Notebook cannot be created the new PVCs are deleted again. A name already taken (of the notebook or of a new PVC) is a 409 whose details name the form field; values the API server refuses are a 422 with its field causes. New volumes also need create persistentvolumeclaims. Answers 200 like upstream.
         */
        post: operations["createNotebook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/namespaces/{namespace}/notebooks/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One Notebook with its processed status */
        get: operations["getNotebook"];
        put?: never;
        post?: never;
        /** Delete a notebook server (foreground); its PVCs are kept unless asked */
        delete: operations["deleteNotebook"];
        options?: never;
        head?: never;
        /**
         * Start or stop a notebook, or change its image, CPU, memory or GPUs
         * @description `stopped: true` sets the kubeflow-resource-stopped annotation (409 if already stopped), `false` removes it. image/cpu/cpuLimit/memory/memoryLimit/gpus are checked against the spawner config as on create. With `resourceVersion`, a change based on an older version is a 409. `restartRequired` says the running server is restarted (its pod recreated) for the change to apply.
         */
        patch: operations["patchNotebook"];
        trace?: never;
    };
    "/api/namespaces/{namespace}/notebooks/{name}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Events about a Notebook, newest first
         * @description From one watch cache of events with involvedObject.kind=Notebook.
         */
        get: operations["listNotebookEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/namespaces/{namespace}/notebooks/{name}/pod": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The notebook's pod (label notebook-name); 404 "No pod detected." when there is none */
        get: operations["getNotebookPod"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/namespaces/{namespace}/notebooks/{name}/pod/{pod}/logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Log lines of a notebook pod's container
         * @description The pod must carry the label notebook-name={name}, else 404. Default container: the one named after the notebook. Optional tailLines, sinceSeconds and container.
         */
        get: operations["getNotebookPodLogs"];
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
        /** PVCs of a namespace, for the spawner form */
        get: operations["listNotebookPvcs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notebooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Notebooks of every namespace where the caller may list notebooks
         * @description All namespaces when the caller may list notebooks cluster-wide; otherwise each namespace holding notebooks is checked (list notebooks, SubjectAccessReview, cached). Same query parameters, ETag/304 and `watch=true` as the per-namespace list.
         */
        get: operations["listNotebooksInAllNamespaces"];
        put?: never;
        post?: never;
        delete?: never;
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
        NotebookEvent: {
            apiVersion?: string;
            count?: number | null;
            /** @description ISO-8601, or null */
            eventTime?: string | null;
            /** @description ISO-8601, or null */
            firstTimestamp?: string | null;
            involvedObject?: {
                kind?: string;
                name?: string;
                namespace?: string;
                uid?: string;
            } & {
                [key: string]: unknown;
            };
            kind?: string;
            /** @description ISO-8601, or null */
            lastTimestamp?: string | null;
            message?: string;
            metadata?: {
                [key: string]: unknown;
            };
            reason?: string;
            source?: {
                [key: string]: unknown;
            };
            /** @description Normal or Warning */
            type?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description Status as the Jupyter web app shows it */
        NotebookStatus: {
            message: string;
            /** @description ready, waiting, warning, error, uninitialized, unavailable, terminating or stopped */
            phase: "ready" | "waiting" | "warning" | "error" | "uninitialized" | "unavailable" | "terminating" | "stopped";
            state: string;
        };
        NotebookSummary: {
            /** @description creationTimestamp (ISO-8601) */
            age: string;
            /** @description CPU request */
            cpu: string | null;
            gpus: {
                count: number;
                /** @description For example "2 NVIDIA" */
                message: string;
            };
            /** @description Image of the main container ("" when the Notebook has none) */
            image: string;
            /** @description Annotation notebooks.kubeflow.org/last-activity, or "" */
            last_activity: string;
            /** @description Memory request */
            memory: string | null;
            metadata: {
                [key: string]: unknown;
            };
            name: string;
            namespace: string;
            /** @description Annotation notebooks.kubeflow.org/server-type */
            serverType: string | null;
            /** @description The image after its last "/" */
            shortImage: string;
            status: components["schemas"]["NotebookStatus"];
            /** @description Names of the volumes mounted in the main container */
            volumes: string[];
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
        /** @description The spawnerFormDefaults of spawner_ui_config.yaml. Each form field has `value` (the default) and may have `readOnly: true` (the default is then the only accepted value); keys not listed here are kept and served as they are. */
        SpawnerFormDefaults: {
            affinityConfig?: {
                options?: ({
                    affinity?: {
                        [key: string]: unknown;
                    };
                    configKey: string;
                    displayName?: string;
                } & {
                    [key: string]: unknown;
                })[];
                readOnly?: boolean;
                value: string;
            } & {
                [key: string]: unknown;
            };
            allowCustomImage?: boolean;
            configurations?: {
                readOnly?: boolean;
                value: string[];
            } & {
                [key: string]: unknown;
            };
            cpu?: {
                limitFactor?: string | number;
                readOnly?: boolean;
                value: string | number;
            } & {
                [key: string]: unknown;
            };
            dataVolumes?: {
                readOnly?: boolean;
                value: ({
                    mount: string;
                } & {
                    [key: string]: unknown;
                })[];
            } & {
                [key: string]: unknown;
            };
            environment?: {
                readOnly?: boolean;
                value: {
                    [key: string]: unknown;
                } | string;
            } & {
                [key: string]: unknown;
            };
            gpus?: {
                readOnly?: boolean;
                value: {
                    num?: string | number;
                    vendor?: string;
                    vendors?: ({
                        limitsKey: string;
                        uiName: string;
                    } & {
                        [key: string]: unknown;
                    })[];
                } & {
                    [key: string]: unknown;
                };
            } & {
                [key: string]: unknown;
            };
            hideRegistry?: boolean;
            hideTag?: boolean;
            image?: {
                options?: string[];
                readOnly?: boolean;
                value: string;
            } & {
                [key: string]: unknown;
            };
            imageGroupOne?: {
                options?: string[];
                readOnly?: boolean;
                value: string;
            } & {
                [key: string]: unknown;
            };
            imageGroupTwo?: {
                options?: string[];
                readOnly?: boolean;
                value: string;
            } & {
                [key: string]: unknown;
            };
            imagePullPolicy?: {
                readOnly?: boolean;
                value: "Always" | "IfNotPresent" | "Never";
            } & {
                [key: string]: unknown;
            };
            memory?: {
                limitFactor?: string | number;
                readOnly?: boolean;
                value: string | number;
            } & {
                [key: string]: unknown;
            };
            shm?: {
                readOnly?: boolean;
                value: boolean;
            } & {
                [key: string]: unknown;
            };
            tolerationGroup?: {
                options?: ({
                    displayName?: string;
                    groupKey: string;
                    tolerations?: {
                        [key: string]: unknown;
                    }[];
                } & {
                    [key: string]: unknown;
                })[];
                readOnly?: boolean;
                value: string;
            } & {
                [key: string]: unknown;
            };
            workspaceVolume?: {
                readOnly?: boolean;
                value: ({
                    mount: string;
                } & {
                    [key: string]: unknown;
                }) | null;
            } & {
                [key: string]: unknown;
            };
        } & {
            [key: string]: unknown;
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
    getSpawnerConfig: {
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
                        config: components["schemas"]["SpawnerFormDefaults"];
                        status: number;
                        /** @enum {boolean} */
                        success: true;
                        user: string | null;
                    };
                };
            };
        };
    };
    listGpuVendors: {
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
                        /** @enum {boolean} */
                        success: true;
                        user: string | null;
                        vendors: string[];
                    };
                };
            };
        };
    };
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
    listNotebooks: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: number;
                /** @description Items to skip (after filtering and sorting). */
                offset?: number;
                /** @description Keep only notebooks in these phases (comma-separated: ready, waiting, warning, error, uninitialized, unavailable, terminating, stopped). */
                phase?: string;
                /** @description Keep only notebooks whose name, namespace, image or server type contains this text (any case). */
                q?: string;
                /** @description Sort key; "-" in front sorts descending. Default: namespace, then name. */
                sort?: "name" | "-name" | "namespace" | "-namespace" | "age" | "-age" | "phase" | "-phase" | "image" | "-image" | "lastActivity" | "-lastActivity";
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
                        notebooks: components["schemas"]["NotebookSummary"][];
                        status: number;
                        /** @enum {boolean} */
                        success: true;
                        /** @description Notebooks matching the filters, before paging */
                        total: number;
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
    createNotebook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Namespace (DNS-1123 label) */
                namespace: string;
            };
            cookie?: never;
        };
        /** @description The Jupyter spawner form. Each field left out takes the spawner config's value; a field the config marks readOnly must be left out. Unknown fields are ignored (SPA versions send extra keys). */
        requestBody: {
            content: {
                "application/json": {
                    /** @description A configured configKey, "" or "none" */
                    affinityConfig?: string;
                    /** @description Sent by the SPA; ignored (the config decides) */
                    allowCustomImage?: boolean;
                    /** @description Labels of PodDefaults in the namespace, set to "true" */
                    configurations?: string[];
                    /** @description A Kubernetes quantity ("500m", "1.5", "1024Mi", "2Gi") */
                    cpu?: string | number;
                    /** @description Default: cpu x the configured limitFactor ("none": no limit); never below cpu */
                    cpuLimit?: string | number | (never | null);
                    /** @description Used instead of image when customImageCheck is true */
                    customImage?: string;
                    customImageCheck?: boolean;
                    /** @description Data volumes */
                    datavols?: {
                        /** @description One volume source, e.g. {persistentVolumeClaim: {claimName}}; the types allowed are set by ALLOWED_VOLUME_SOURCES */
                        existingSource?: {
                            [key: string]: unknown;
                        };
                        /** @description Absolute mount path in the container */
                        mount: string;
                        /** @description A PVC to create for the notebook */
                        newPvc?: {
                            metadata: {
                                /** @description PVC name; "{notebook-name}" is replaced with the notebook name */
                                name: string;
                            } & {
                                [key: string]: unknown;
                            };
                            spec: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    }[];
                    /** @description Environment variables: an object of name -> value, or that object as a JSON string */
                    environment?: {
                        [key: string]: unknown;
                    } | string;
                    gpus?: {
                        /** @description "none" or the number of devices (1 to GPU_MAX_PER_NOTEBOOK) */
                        num: string | number;
                        /** @description A configured vendor limitsKey, e.g. nvidia.com/gpu */
                        vendor?: string;
                    };
                    /** @description An image from the server type's options (default: the config's value) */
                    image?: string;
                    /** @description Sent by the SPA; ignored */
                    imageGroupOne?: string;
                    /** @description Sent by the SPA; ignored */
                    imageGroupTwo?: string;
                    /** @description Always, IfNotPresent or Never */
                    imagePullPolicy?: string;
                    /** @description A Kubernetes quantity ("500m", "1.5", "1024Mi", "2Gi") */
                    memory?: string | number;
                    /** @description Default: memory x the configured limitFactor; never below memory */
                    memoryLimit?: string | number | (never | null);
                    /** @description DNS-1123 label of at most 52 characters (room for the StatefulSet pod name and labels) */
                    name: string;
                    /** @description Ignored: the path names the namespace */
                    namespace?: string;
                    /** @description jupyter (or ""), group-one or group-two */
                    serverType?: string;
                    /** @description Mount a memory emptyDir at /dev/shm */
                    shm?: boolean;
                    /** @description A configured groupKey, "" or "none" */
                    tolerationGroup?: string;
                    /** @description Workspace volume; absent: the config's default; null: none */
                    workspace?: {
                        /** @description One volume source, e.g. {persistentVolumeClaim: {claimName}}; the types allowed are set by ALLOWED_VOLUME_SOURCES */
                        existingSource?: {
                            [key: string]: unknown;
                        };
                        /** @description Absolute mount path in the container */
                        mount: string;
                        /** @description A PVC to create for the notebook */
                        newPvc?: {
                            metadata: {
                                /** @description PVC name; "{notebook-name}" is replaced with the notebook name */
                                name: string;
                            } & {
                                [key: string]: unknown;
                            };
                            spec: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    } | null;
                } & {
                    [key: string]: unknown;
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
                        notebook: {
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
    getNotebook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Notebook name */
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
                        notebook: ({
                            apiVersion?: string;
                            kind?: string;
                            metadata?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        }) & {
                            processed_status: components["schemas"]["NotebookStatus"];
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
    deleteNotebook: {
        parameters: {
            query?: {
                /** @description Also delete the notebook's workspace PVC (mounted at the configured workspace path) when no other notebook or pod uses it; 409 and nothing deleted otherwise. Needs delete persistentvolumeclaims. */
                deleteWorkspaceVolume?: boolean;
            };
            header?: never;
            path: {
                /** @description Notebook name */
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
                        /** @description PVCs deleted with the notebook */
                        deletedVolumes: string[];
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
    patchNotebook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Notebook name */
                name: string;
                /** @description Namespace (DNS-1123 label) */
                namespace: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A Kubernetes quantity ("500m", "1.5", "1024Mi", "2Gi") */
                    cpu?: string | number;
                    cpuLimit?: string | number | (never | null);
                    gpus?: {
                        /** @description "none" or the number of devices (1 to GPU_MAX_PER_NOTEBOOK) */
                        num: string | number;
                        /** @description A configured vendor limitsKey, e.g. nvidia.com/gpu */
                        vendor?: string;
                    };
                    /** @description New image, checked against the config as on create */
                    image?: string;
                    /** @description A Kubernetes quantity ("500m", "1.5", "1024Mi", "2Gi") */
                    memory?: string | number;
                    memoryLimit?: string | number | (never | null);
                    /** @description The resourceVersion the change is based on; a stale one is a 409 (optimistic concurrency) */
                    resourceVersion?: string;
                    /** @description true: stop (409 if already stopped); false: start */
                    stopped?: boolean;
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
                        notebook: {
                            apiVersion?: string;
                            kind?: string;
                            metadata?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                        /** @description true when the notebook is running and its pod must be recreated for the change */
                        restartRequired: boolean;
                        status: number;
                        /** @enum {boolean} */
                        success: true;
                        user: string | null;
                    };
                };
            };
        };
    };
    listNotebookEvents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Notebook name */
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
                        events: components["schemas"]["NotebookEvent"][];
                        status: number;
                        /** @enum {boolean} */
                        success: true;
                        user: string | null;
                    };
                };
            };
        };
    };
    getNotebookPod: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Notebook name */
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
                        pod: {
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
    getNotebookPodLogs: {
        parameters: {
            query?: {
                /** @description Container of the pod (default: the notebook's main container, named after the notebook). */
                container?: string;
                /** @description Only lines from the last N seconds. */
                sinceSeconds?: number;
                /** @description Only the last N lines. */
                tailLines?: number;
            };
            header?: never;
            path: {
                /** @description Notebook name */
                name: string;
                /** @description Namespace (DNS-1123 label) */
                namespace: string;
                /** @description Pod name */
                pod: string;
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
                        logs: string[];
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
    listNotebookPvcs: {
        parameters: {
            query?: never;
            header?: never;
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
                        pvcs: {
                            /** @description The first access mode, or "" */
                            mode: string;
                            name: string;
                            /** @description spec.resources.requests.storage, or "" */
                            size: string;
                        }[];
                        status: number;
                        /** @enum {boolean} */
                        success: true;
                        user: string | null;
                    };
                };
            };
        };
    };
    listNotebooksInAllNamespaces: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: number;
                /** @description Items to skip (after filtering and sorting). */
                offset?: number;
                /** @description Keep only notebooks in these phases (comma-separated: ready, waiting, warning, error, uninitialized, unavailable, terminating, stopped). */
                phase?: string;
                /** @description Keep only notebooks whose name, namespace, image or server type contains this text (any case). */
                q?: string;
                /** @description Sort key; "-" in front sorts descending. Default: namespace, then name. */
                sort?: "name" | "-name" | "namespace" | "-namespace" | "age" | "-age" | "phase" | "-phase" | "image" | "-image" | "lastActivity" | "-lastActivity";
                /** @description Follow the list as Server-Sent Events (text/event-stream): a `snapshot` event with the whole list, then `added`, `modified` and `deleted` events with the same summaries (`modified` also when something a summary is made from changes, such as its pod, its events or the notebooks using a volume); access is re-checked periodically and an `error` event ends the stream when it is revoked. */
                watch?: boolean;
            };
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
            /** @description The list as JSON; with ?watch=true, a stream of Server-Sent Events. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        notebooks: components["schemas"]["NotebookSummary"][];
                        status: number;
                        /** @enum {boolean} */
                        success: true;
                        /** @description Notebooks matching the filters, before paging */
                        total: number;
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
