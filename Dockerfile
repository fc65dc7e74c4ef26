# The engine, built from source. One image serves HTTP and runs jobs; `migrate` and `keys` are verbs of the same program.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
COPY widgets/ widgets/
RUN dotnet publish src/Marketing.Server/Marketing.Server.csproj -c Release -o /app --no-self-contained

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
COPY templates/ /app/templates/
ENV ASPNETCORE_URLS=http://+:8080 \
    Marketing__DataDirectory=/var/lib/marketing
RUN mkdir -p /var/lib/marketing && chown app /var/lib/marketing
USER app
VOLUME /var/lib/marketing
EXPOSE 8080
ENTRYPOINT ["dotnet", "Marketing.Server.dll"]
