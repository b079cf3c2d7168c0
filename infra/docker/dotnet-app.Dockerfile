# Builds one MedVid process (Silo, Portal or GpuHost) from the repository root:
#   docker build -f infra/docker/dotnet-app.Dockerfile --build-arg APP=Silo .
# The runtime image carries ffmpeg: the silo and portal probe uploads with ffprobe, hosts transcode.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG APP
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN if [ "$APP" = "Portal" ]; then cd src/Portal && npm ci --no-audit --no-fund; fi
RUN dotnet publish src/$APP/$APP.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
ARG APP
RUN apt-get update && apt-get install -y --no-install-recommends ffmpeg curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
ENV APP_DLL=MedVid.$APP.dll
ENTRYPOINT ["sh", "-c", "exec dotnet $APP_DLL"]
